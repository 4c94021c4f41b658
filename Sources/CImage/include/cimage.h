#ifndef CIMAGE_H
#define CIMAGE_H
// Tiny C shim over libpng, libjpeg, giflib and librsvg: filled in by the imaging engine.
#endif
