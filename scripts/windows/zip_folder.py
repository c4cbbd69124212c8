"""Zips one folder deterministically: `zip_folder.py BASE FOLDER OUT.zip EPOCH`.

Entries are sorted, all dated EPOCH (seconds, UTC, as a zip's local time), with fixed
permissions; Python flags non-ASCII names as UTF-8, which Windows Explorer reads.
"""

import os
import sys
import time
import zipfile


def main() -> None:
    base, folder, out, epoch = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip dates start in 1980
    entries = []
    for directory, subdirs, files in os.walk(os.path.join(base, folder)):
        subdirs.sort()
        relative = os.path.relpath(directory, base).replace(os.sep, "/")
        entries.append((relative + "/", None))
        entries.extend((f"{relative}/{name}", os.path.join(directory, name)) for name in files)
    entries.sort()
    tmp = out + ".tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, path in entries:
            info = zipfile.ZipInfo(name, stamp)
            info.create_system = 0  # MS-DOS: no Unix owner or mode
            if path is None:
                info.external_attr = 0x10  # directory
                archive.writestr(info, b"")
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0x20  # archive bit, as Windows writes files
                with open(path, "rb") as source:
                    archive.writestr(info, source.read())
    os.replace(tmp, out)


if __name__ == "__main__":
    main()
