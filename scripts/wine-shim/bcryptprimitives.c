/*
 * For the Wine tests only (scripts/test-windows.sh), never shipped.
 *
 * Rust's standard library for Windows takes its random bytes (HashMap seeds) from
 * ProcessPrng in bcryptprimitives.dll, which every Windows 10 and 11 has. Debian 12's Wine 8
 * has no bcryptprimitives.dll, so synergies.exe would not start under it. This stand-in,
 * placed beside the exe in the test folder, implements ProcessPrng with RtlGenRandom
 * (advapi32's SystemFunction036), which Wine has.
 */
#include <windows.h>

/* RtlGenRandom: exported by advapi32 under this name. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

/* Like Windows' own, it always succeeds; a failure to gather entropy ends the process. */
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            ExitProcess(70);
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
