//! `synergies init`: a ready root for another commune, never over an existing one; and a new
//! commune's first day: `init`, `import` of its Word register, `build`, with no trace of Mons.
