#ifndef CIMAGE_H
#define CIMAGE_H
// Tiny C shim over libpng, libjpeg(-turbo), giflib and librsvg/cairo for the imaging engine.
// The interface uses plain C types only: no library header reaches Swift.
// Every function is reentrant; errors never print or exit: they return a code and a message.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Formats the shim reads.
enum {
    CIMAGE_PNG = 1,
    CIMAGE_JPEG = 2,
    CIMAGE_GIF = 3,
    CIMAGE_SVG = 4,
};

/// Results.
enum {
    CIMAGE_OK = 0,
    /// The data is not a valid image of the format (truncated, corrupt); the message says what.
    CIMAGE_CORRUPT = 1,
    /// The caller's dimensions do not match the image's.
    CIMAGE_MISMATCH = 2,
    /// Out of memory.
    CIMAGE_NO_MEMORY = 3,
    /// Not a format this shim knows.
    CIMAGE_UNSUPPORTED = 4,
};

/// Reads only the header of a PNG, JPEG or GIF (logical screen) image: its width and height in pixels,
/// before any pixel memory is allocated. For SVG use cimage_svg_size.
int cimage_probe(int format, const uint8_t *data, size_t size,
                 uint32_t *width, uint32_t *height, char *error, size_t error_capacity);

/// The intrinsic size of an SVG document in CSS pixels (its viewBox when it has no absolute size;
/// 0×0 when it has neither).
int cimage_svg_size(const uint8_t *data, size_t size, double *width, double *height,
                    char *error, size_t error_capacity);

/// Decodes into `rgba` (width * height * 4 bytes, straight alpha, rows top first). For PNG, JPEG and GIF,
/// width and height must be those cimage_probe returned; an SVG is rendered to fit width × height.
/// A GIF decodes its first frame onto its logical screen (transparent where the frame does not cover it).
int cimage_decode(int format, const uint8_t *data, size_t size, uint32_t width, uint32_t height,
                  uint8_t *rgba, char *error, size_t error_capacity);

/// Encodes RGBA8 pixels as PNG (format 1), JPEG (2, alpha ignored, quality 1...100) or GIF (3, 6×6×6 colour
/// cube plus one transparent index). On success *output is malloc'd: free it with cimage_free.
int cimage_encode(int format, const uint8_t *rgba, uint32_t width, uint32_t height, int quality,
                  uint8_t **output, size_t *output_size, char *error, size_t error_capacity);

/// Resamples RGBA8 pixels (straight alpha) from source_width × source_height to target_width × target_height:
/// area averaging along an axis that shrinks, bilinear (pixel centres aligned) along one that grows; colours are
/// averaged premultiplied by alpha. `opaque` non-zero promises every source alpha is 255 (a faster path).
/// Returns CIMAGE_NO_MEMORY if its small working buffers cannot be allocated.
int cimage_resample(const uint8_t *source, uint32_t source_width, uint32_t source_height,
                    uint8_t *target, uint32_t target_width, uint32_t target_height, int opaque);

/// Grey and ink planes of an opaque RGBA8 image (the pre-processing's last step, see MarkPreprocessor):
/// grey = Rec. 601 luminance 0...1, inverted when the ground is dark (ground_luminance < 0.5) and the pixels
/// farther than `threshold` from it are on average lighter (or there are none); ink = |ground − grey| less a
/// threshold (the smaller of `threshold` and a quarter of the strongest contrast), stretched so the strongest
/// reads 1, 0 when the strongest contrast is under 2/255. Returns 1 when the grey was inverted, else 0.
int cimage_mark_planes(const uint8_t *rgba, size_t count, float ground_luminance, float threshold,
                       float *grey, float *ink);

/// Composites RGBA8 pixels in place over an opaque colour (alpha becomes 255).
void cimage_flatten(uint8_t *rgba, size_t count, uint8_t red, uint8_t green, uint8_t blue);

/// Whether any alpha byte of the RGBA8 pixels is below 255.
int cimage_has_transparency(const uint8_t *rgba, size_t count);

/// The bounding box {x, y, width, height} of the pixels whose largest channel difference from (red, green,
/// blue) exceeds `tolerance`. Returns 0 (box untouched) when there is none.
int cimage_mark_box(const uint8_t *rgba, uint32_t width, uint32_t height, uint8_t red, uint8_t green, uint8_t blue,
                    int tolerance, int32_t box[4]);

/// Frees a buffer the shim allocated.
void cimage_free(void *pointer);

#ifdef __cplusplus
}
#endif

#endif
