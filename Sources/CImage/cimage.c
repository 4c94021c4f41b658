// Decoding and encoding behind cimage.h. Each library's error reporting is routed into the caller's
// message buffer: libpng through its simplified API (which traps errors itself), libjpeg through an
// error manager that longjmps back here, giflib through its error codes, librsvg through GError.
#include "cimage.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>
#include <jpeglib.h>
#include <jerror.h>
#include <gif_lib.h>
#include <librsvg/rsvg.h>
#include <cairo.h>

static int fail(int code, char *error, size_t capacity, const char *format, ...) {
    if (error && capacity > 0) {
        va_list arguments;
        va_start(arguments, format);
        vsnprintf(error, capacity, format, arguments);
        va_end(arguments);
    }
    return code;
}

void cimage_free(void *pointer) { free(pointer); }

// MARK: PNG

static int png_probe(const uint8_t *data, size_t size, uint32_t *width, uint32_t *height, char *error, size_t capacity) {
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, data, size)) {
        int code = fail(CIMAGE_CORRUPT, error, capacity, "%s", image.message);
        png_image_free(&image);
        return code;
    }
    *width = image.width;
    *height = image.height;
    png_image_free(&image);
    return CIMAGE_OK;
}

static int png_decode(const uint8_t *data, size_t size, uint32_t width, uint32_t height, uint8_t *rgba,
                      char *error, size_t capacity) {
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, data, size)) {
        int code = fail(CIMAGE_CORRUPT, error, capacity, "%s", image.message);
        png_image_free(&image);
        return code;
    }
    if (image.width != width || image.height != height) {
        png_image_free(&image);
        return fail(CIMAGE_MISMATCH, error, capacity, "the image is not %ux%u", width, height);
    }
    image.format = PNG_FORMAT_RGBA;
    if (!png_image_finish_read(&image, NULL, rgba, 0, NULL)) {
        int code = fail(CIMAGE_CORRUPT, error, capacity, "%s", image.message);
        png_image_free(&image);
        return code;
    }
    png_image_free(&image);
    return CIMAGE_OK;
}

static int png_encode(const uint8_t *rgba, uint32_t width, uint32_t height, uint8_t **output, size_t *output_size,
                      char *error, size_t capacity) {
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    image.width = width;
    image.height = height;
    image.format = PNG_FORMAT_RGBA;
    png_alloc_size_t size = 0;
    // First pass measures, second writes.
    if (!png_image_write_to_memory(&image, NULL, &size, 0, rgba, 0, NULL)) {
        int code = fail(CIMAGE_CORRUPT, error, capacity, "%s", image.message);
        png_image_free(&image);
        return code;
    }
    uint8_t *buffer = malloc(size);
    if (!buffer) return fail(CIMAGE_NO_MEMORY, error, capacity, "out of memory for a %zu-byte PNG", (size_t)size);
    if (!png_image_write_to_memory(&image, buffer, &size, 0, rgba, 0, NULL)) {
        free(buffer);
        int code = fail(CIMAGE_CORRUPT, error, capacity, "%s", image.message);
        png_image_free(&image);
        return code;
    }
    png_image_free(&image);
    *output = buffer;
    *output_size = size;
    return CIMAGE_OK;
}

// MARK: JPEG

struct jpeg_trap {
    struct jpeg_error_mgr manager;
    jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
    int truncated;
};

static void jpeg_trap_exit(j_common_ptr info) {
    struct jpeg_trap *trap = (struct jpeg_trap *)info->err;
    (*info->err->format_message)(info, trap->message);
    longjmp(trap->jump, 1);
}

static void jpeg_trap_emit(j_common_ptr info, int level) {
    // Warnings are kept quiet; the one that matters is data ending before the image does.
    if (level < 0) {
        struct jpeg_trap *trap = (struct jpeg_trap *)info->err;
        if (info->err->msg_code == JWRN_JPEG_EOF) trap->truncated = 1;
        info->err->num_warnings++;
    }
}

static void jpeg_trap_output(j_common_ptr info) { (void)info; }

static void jpeg_trap_install(struct jpeg_trap *trap) {
    jpeg_std_error(&trap->manager);
    trap->manager.error_exit = jpeg_trap_exit;
    trap->manager.emit_message = jpeg_trap_emit;
    trap->manager.output_message = jpeg_trap_output;
    trap->message[0] = 0;
    trap->truncated = 0;
}

static int jpeg_probe(const uint8_t *data, size_t size, uint32_t *width, uint32_t *height, char *error, size_t capacity) {
    struct jpeg_decompress_struct info;
    struct jpeg_trap trap;
    info.err = (struct jpeg_error_mgr *)&trap;
    jpeg_trap_install(&trap);
    if (setjmp(trap.jump)) {
        jpeg_destroy_decompress(&info);
        return fail(CIMAGE_CORRUPT, error, capacity, "%s", trap.message);
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, data, (unsigned long)size);
    jpeg_read_header(&info, TRUE);
    *width = info.image_width;
    *height = info.image_height;
    jpeg_destroy_decompress(&info);
    return CIMAGE_OK;
}

static int jpeg_decode(const uint8_t *data, size_t size, uint32_t width, uint32_t height, uint8_t *rgba,
                       char *error, size_t capacity) {
    struct jpeg_decompress_struct info;
    struct jpeg_trap trap;
    info.err = (struct jpeg_error_mgr *)&trap;
    jpeg_trap_install(&trap);
    if (setjmp(trap.jump)) {
        jpeg_destroy_decompress(&info);
        return fail(CIMAGE_CORRUPT, error, capacity, "%s", trap.message);
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, data, (unsigned long)size);
    jpeg_read_header(&info, TRUE);
    if (info.image_width != width || info.image_height != height) {
        jpeg_destroy_decompress(&info);
        return fail(CIMAGE_MISMATCH, error, capacity, "the image is not %ux%u", width, height);
    }
    int cmyk = info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK;
    info.out_color_space = cmyk ? JCS_CMYK : JCS_EXT_RGBA;
    jpeg_start_decompress(&info);
    JSAMPARRAY row = NULL;
    if (cmyk) row = (*info.mem->alloc_sarray)((j_common_ptr)&info, JPOOL_IMAGE, width * 4, 1);
    while (info.output_scanline < info.output_height) {
        uint8_t *target = rgba + (size_t)info.output_scanline * width * 4;
        if (!cmyk) {
            JSAMPROW rows[1] = { target };
            jpeg_read_scanlines(&info, rows, 1);
        } else {
            jpeg_read_scanlines(&info, row, 1);
            // Adobe writes inverted CMYK: each channel is already (1 − ink), so RGB = C·K, M·K, Y·K.
            const uint8_t *source = row[0];
            for (uint32_t x = 0; x < width; x++) {
                unsigned k = source[x * 4 + 3];
                target[x * 4] = (uint8_t)((source[x * 4] * k + 127) / 255);
                target[x * 4 + 1] = (uint8_t)((source[x * 4 + 1] * k + 127) / 255);
                target[x * 4 + 2] = (uint8_t)((source[x * 4 + 2] * k + 127) / 255);
                target[x * 4 + 3] = 255;
            }
        }
    }
    jpeg_finish_decompress(&info);
    jpeg_destroy_decompress(&info);
    if (trap.truncated) return fail(CIMAGE_CORRUPT, error, capacity, "the JPEG data ends before the image does (truncated file)");
    return CIMAGE_OK;
}

static int jpeg_encode(const uint8_t *rgba, uint32_t width, uint32_t height, int quality, uint8_t **output,
                       size_t *output_size, char *error, size_t capacity) {
    struct jpeg_compress_struct info;
    struct jpeg_trap trap;
    unsigned char *volatile buffer = NULL;
    unsigned long size = 0;
    info.err = (struct jpeg_error_mgr *)&trap;
    jpeg_trap_install(&trap);
    if (setjmp(trap.jump)) {
        jpeg_destroy_compress(&info);
        free(buffer);
        return fail(CIMAGE_CORRUPT, error, capacity, "%s", trap.message);
    }
    jpeg_create_compress(&info);
    jpeg_mem_dest(&info, (unsigned char **)&buffer, &size);
    info.image_width = width;
    info.image_height = height;
    info.input_components = 4;
    info.in_color_space = JCS_EXT_RGBA;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, quality < 1 ? 1 : quality > 100 ? 100 : quality, TRUE);
    jpeg_start_compress(&info, TRUE);
    while (info.next_scanline < info.image_height) {
        JSAMPROW rows[1] = { (JSAMPROW)(rgba + (size_t)info.next_scanline * width * 4) };
        jpeg_write_scanlines(&info, rows, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    *output = buffer;
    *output_size = size;
    return CIMAGE_OK;
}

// MARK: GIF

struct memory_reader {
    const uint8_t *data;
    size_t size;
    size_t offset;
};

static int gif_read(GifFileType *gif, GifByteType *bytes, int count) {
    struct memory_reader *reader = gif->UserData;
    size_t left = reader->size - reader->offset;
    size_t wanted = count < 0 ? 0 : (size_t)count;
    if (wanted > left) wanted = left;
    memcpy(bytes, reader->data + reader->offset, wanted);
    reader->offset += wanted;
    return (int)wanted;
}

static const char *gif_message(int code) {
    const char *text = GifErrorString(code);
    return text ? text : "unknown GIF error";
}

/// Reads records up to the first image descriptor; records its transparent colour index (or -1).
static int gif_first_frame(GifFileType *gif, int *transparent, char *error, size_t capacity) {
    *transparent = -1;
    for (;;) {
        GifRecordType type;
        if (DGifGetRecordType(gif, &type) == GIF_ERROR)
            return fail(CIMAGE_CORRUPT, error, capacity, "%s", gif_message(gif->Error));
        if (type == IMAGE_DESC_RECORD_TYPE) {
            if (DGifGetImageDesc(gif) == GIF_ERROR)
                return fail(CIMAGE_CORRUPT, error, capacity, "%s", gif_message(gif->Error));
            return CIMAGE_OK;
        }
        if (type == EXTENSION_RECORD_TYPE) {
            int function = 0;
            GifByteType *extension = NULL;
            if (DGifGetExtension(gif, &function, &extension) == GIF_ERROR)
                return fail(CIMAGE_CORRUPT, error, capacity, "%s", gif_message(gif->Error));
            if (function == GRAPHICS_EXT_FUNC_CODE && extension && extension[0] >= 4) {
                GraphicsControlBlock control;
                if (DGifExtensionToGCB(extension[0], extension + 1, &control) == GIF_OK)
                    *transparent = control.TransparentColor;
            }
            while (extension) {
                if (DGifGetExtensionNext(gif, &extension) == GIF_ERROR)
                    return fail(CIMAGE_CORRUPT, error, capacity, "%s", gif_message(gif->Error));
            }
            continue;
        }
        if (type == TERMINATE_RECORD_TYPE) return fail(CIMAGE_CORRUPT, error, capacity, "the GIF has no image");
    }
}

static GifFileType *gif_open(struct memory_reader *reader, char *error, size_t capacity) {
    int code = 0;
    GifFileType *gif = DGifOpen(reader, gif_read, &code);
    if (!gif) fail(CIMAGE_CORRUPT, error, capacity, "%s", gif_message(code));
    return gif;
}

/// The canvas: the logical screen, or the first frame's extent when the screen is declared empty.
static void gif_canvas(GifFileType *gif, uint32_t *width, uint32_t *height) {
    *width = (uint32_t)gif->SWidth;
    *height = (uint32_t)gif->SHeight;
    if (*width == 0 || *height == 0) {
        *width = (uint32_t)(gif->Image.Left + gif->Image.Width);
        *height = (uint32_t)(gif->Image.Top + gif->Image.Height);
    }
}

static int gif_probe(const uint8_t *data, size_t size, uint32_t *width, uint32_t *height, char *error, size_t capacity) {
    struct memory_reader reader = { data, size, 0 };
    GifFileType *gif = gif_open(&reader, error, capacity);
    if (!gif) return CIMAGE_CORRUPT;
    int transparent;
    int code = gif_first_frame(gif, &transparent, error, capacity);
    if (code == CIMAGE_OK) gif_canvas(gif, width, height);
    DGifCloseFile(gif, NULL);
    return code;
}

static int gif_decode(const uint8_t *data, size_t size, uint32_t width, uint32_t height, uint8_t *rgba,
                      char *error, size_t capacity) {
    struct memory_reader reader = { data, size, 0 };
    GifFileType *gif = gif_open(&reader, error, capacity);
    if (!gif) return CIMAGE_CORRUPT;
    int transparent;
    int code = gif_first_frame(gif, &transparent, error, capacity);
    if (code != CIMAGE_OK) { DGifCloseFile(gif, NULL); return code; }
    uint32_t canvasWidth, canvasHeight;
    gif_canvas(gif, &canvasWidth, &canvasHeight);
    if (canvasWidth != width || canvasHeight != height) {
        DGifCloseFile(gif, NULL);
        return fail(CIMAGE_MISMATCH, error, capacity, "the image is not %ux%u", width, height);
    }
    // The canvas passed the caller's pixel limit; a frame larger than it could still make LZW expand a small
    // file into billions of pixels to decode and clip away, so it is refused.
    if ((uint64_t)gif->Image.Width * (uint64_t)gif->Image.Height > (uint64_t)width * height) {
        int frameWidth = gif->Image.Width, frameHeight = gif->Image.Height;
        DGifCloseFile(gif, NULL);
        return fail(CIMAGE_CORRUPT, error, capacity, "its first frame (%dx%d) is larger than the image (%ux%u)",
                    frameWidth, frameHeight, width, height);
    }
    ColorMapObject *map = gif->Image.ColorMap ? gif->Image.ColorMap : gif->SColorMap;
    if (!map) { DGifCloseFile(gif, NULL); return fail(CIMAGE_CORRUPT, error, capacity, "the GIF has no colour table"); }
    memset(rgba, 0, (size_t)width * height * 4);
    int frameWidth = gif->Image.Width, frameHeight = gif->Image.Height;
    int left = gif->Image.Left, top = gif->Image.Top;
    GifPixelType *line = malloc(frameWidth > 0 ? (size_t)frameWidth : 1);
    if (!line) { DGifCloseFile(gif, NULL); return fail(CIMAGE_NO_MEMORY, error, capacity, "out of memory"); }
    static const int passStart[4] = { 0, 4, 2, 1 }, passStep[4] = { 8, 8, 4, 2 };
    int passes = gif->Image.Interlace ? 4 : 1;
    for (int pass = 0; pass < passes && code == CIMAGE_OK; pass++) {
        int start = gif->Image.Interlace ? passStart[pass] : 0, step = gif->Image.Interlace ? passStep[pass] : 1;
        for (int row = start; row < frameHeight; row += step) {
            if (DGifGetLine(gif, line, frameWidth) == GIF_ERROR) {
                code = fail(CIMAGE_CORRUPT, error, capacity, "the GIF data ends or breaks before the image does (%s)",
                            gif_message(gif->Error));
                break;
            }
            int y = top + row;
            if (y < 0 || (uint32_t)y >= height) continue;
            for (int column = 0; column < frameWidth; column++) {
                int x = left + column;
                if (x < 0 || (uint32_t)x >= width) continue;
                int index = line[column];
                if (index == transparent || index >= map->ColorCount) continue;
                uint8_t *pixel = rgba + ((size_t)y * width + (size_t)x) * 4;
                pixel[0] = map->Colors[index].Red;
                pixel[1] = map->Colors[index].Green;
                pixel[2] = map->Colors[index].Blue;
                pixel[3] = 255;
            }
        }
    }
    free(line);
    DGifCloseFile(gif, NULL);
    return code;
}

struct memory_writer {
    uint8_t *data;
    size_t size;
    size_t capacity;
    int failed;
};

static int gif_write(GifFileType *gif, const GifByteType *bytes, int count) {
    struct memory_writer *writer = gif->UserData;
    if (count <= 0) return 0;
    if (writer->size + (size_t)count > writer->capacity) {
        size_t capacity = writer->capacity ? writer->capacity * 2 : 4096;
        while (capacity < writer->size + (size_t)count) capacity *= 2;
        uint8_t *grown = realloc(writer->data, capacity);
        if (!grown) { writer->failed = 1; return 0; }
        writer->data = grown;
        writer->capacity = capacity;
    }
    memcpy(writer->data + writer->size, bytes, (size_t)count);
    writer->size += (size_t)count;
    return count;
}

static int gif_encode(const uint8_t *rgba, uint32_t width, uint32_t height, uint8_t **output, size_t *output_size,
                      char *error, size_t capacity) {
    if (width > 65535 || height > 65535) return fail(CIMAGE_CORRUPT, error, capacity, "a GIF is at most 65535 pixels a side");
    // A 6×6×6 colour cube (216 colours), then index 216 for transparent pixels; 256 entries in all.
    GifColorType colours[256];
    memset(colours, 0, sizeof colours);
    for (int index = 0; index < 216; index++) {
        colours[index].Red = (GifByteType)(index / 36 * 51);
        colours[index].Green = (GifByteType)(index / 6 % 6 * 51);
        colours[index].Blue = (GifByteType)(index % 6 * 51);
    }
    ColorMapObject *map = GifMakeMapObject(256, colours);
    GifPixelType *line = malloc(width);
    struct memory_writer writer = { NULL, 0, 0, 0 };
    int code = 0;
    GifFileType *gif = (map && line) ? EGifOpen(&writer, gif_write, &code) : NULL;
    if (!gif) {
        GifFreeMapObject(map);
        free(line);
        return fail(CIMAGE_NO_MEMORY, error, capacity, "cannot start a GIF: %s", gif_message(code));
    }
    EGifSetGifVersion(gif, true);
    int ok = EGifPutScreenDesc(gif, (int)width, (int)height, 8, 0, map) == GIF_OK;
    GraphicsControlBlock control = { DISPOSAL_UNSPECIFIED, false, 0, 216 };
    GifByteType extension[4];
    size_t extensionLength = EGifGCBToExtension(&control, extension);
    ok = ok && EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, (int)extensionLength, extension) == GIF_OK;
    ok = ok && EGifPutImageDesc(gif, 0, 0, (int)width, (int)height, false, NULL) == GIF_OK;
    for (uint32_t y = 0; ok && y < height; y++) {
        const uint8_t *row = rgba + (size_t)y * width * 4;
        for (uint32_t x = 0; x < width; x++) {
            const uint8_t *pixel = row + x * 4;
            line[x] = pixel[3] < 128 ? 216
                : (GifPixelType)(((pixel[0] + 25) / 51) * 36 + ((pixel[1] + 25) / 51) * 6 + (pixel[2] + 25) / 51);
        }
        ok = EGifPutLine(gif, line, (int)width) == GIF_OK;
    }
    int closeCode = 0;
    int gifError = gif->Error;
    if (EGifCloseFile(gif, &closeCode) == GIF_ERROR && ok) { ok = 0; gifError = closeCode; }
    GifFreeMapObject(map);
    free(line);
    if (!ok || writer.failed) {
        free(writer.data);
        return fail(CIMAGE_CORRUPT, error, capacity, "cannot write the GIF: %s", gif_message(gifError));
    }
    *output = writer.data;
    *output_size = writer.size;
    return CIMAGE_OK;
}

// MARK: SVG

static RsvgHandle *svg_open(const uint8_t *data, size_t size, char *error, size_t capacity) {
    GError *problem = NULL;
    RsvgHandle *handle = rsvg_handle_new_from_data(data, size, &problem);
    if (!handle) {
        fail(CIMAGE_CORRUPT, error, capacity, "%s", problem ? problem->message : "not a valid SVG document");
        if (problem) g_error_free(problem);
    }
    return handle;
}

int cimage_svg_size(const uint8_t *data, size_t size, double *width, double *height, char *error, size_t capacity) {
    RsvgHandle *handle = svg_open(data, size, error, capacity);
    if (!handle) return CIMAGE_CORRUPT;
    double pixelsWide = 0, pixelsHigh = 0;
    if (rsvg_handle_get_intrinsic_size_in_pixels(handle, &pixelsWide, &pixelsHigh) && pixelsWide > 0 && pixelsHigh > 0) {
        *width = pixelsWide;
        *height = pixelsHigh;
    } else {
        gboolean hasWidth = FALSE, hasHeight = FALSE, hasViewBox = FALSE;
        RsvgLength lengthWide, lengthHigh;
        RsvgRectangle viewBox = { 0, 0, 0, 0 };
        rsvg_handle_get_intrinsic_dimensions(handle, &hasWidth, &lengthWide, &hasHeight, &lengthHigh, &hasViewBox, &viewBox);
        *width = hasViewBox ? viewBox.width : 0;
        *height = hasViewBox ? viewBox.height : 0;
    }
    g_object_unref(handle);
    return CIMAGE_OK;
}

static int svg_render(const uint8_t *data, size_t size, uint32_t width, uint32_t height, uint8_t *rgba,
                      char *error, size_t capacity) {
    RsvgHandle *handle = svg_open(data, size, error, capacity);
    if (!handle) return CIMAGE_CORRUPT;
    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)width, (int)height);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        g_object_unref(handle);
        return fail(CIMAGE_NO_MEMORY, error, capacity, "cannot make a %ux%u canvas", width, height);
    }
    cairo_t *context = cairo_create(surface);
    RsvgRectangle viewport = { 0, 0, (double)width, (double)height };
    GError *problem = NULL;
    gboolean rendered = rsvg_handle_render_document(handle, context, &viewport, &problem);
    cairo_destroy(context);
    cairo_surface_flush(surface);
    int code = CIMAGE_OK;
    if (!rendered) {
        code = fail(CIMAGE_CORRUPT, error, capacity, "%s", problem ? problem->message : "the SVG cannot be rendered");
        if (problem) g_error_free(problem);
    } else {
        // Cairo's ARGB32 is premultiplied, one native-endian 32-bit word per pixel.
        const uint8_t *pixels = cairo_image_surface_get_data(surface);
        int stride = cairo_image_surface_get_stride(surface);
        for (uint32_t y = 0; y < height; y++) {
            const uint32_t *row = (const uint32_t *)(pixels + (size_t)y * (size_t)stride);
            uint8_t *target = rgba + (size_t)y * width * 4;
            for (uint32_t x = 0; x < width; x++) {
                uint32_t word = row[x];
                unsigned alpha = word >> 24;
                unsigned red = (word >> 16) & 255, green = (word >> 8) & 255, blue = word & 255;
                if (alpha != 0 && alpha != 255) {
                    red = (red * 255 + alpha / 2) / alpha;
                    green = (green * 255 + alpha / 2) / alpha;
                    blue = (blue * 255 + alpha / 2) / alpha;
                }
                target[x * 4] = (uint8_t)(red > 255 ? 255 : red);
                target[x * 4 + 1] = (uint8_t)(green > 255 ? 255 : green);
                target[x * 4 + 2] = (uint8_t)(blue > 255 ? 255 : blue);
                target[x * 4 + 3] = (uint8_t)alpha;
            }
        }
    }
    cairo_surface_destroy(surface);
    g_object_unref(handle);
    return code;
}

// MARK: Dispatch

int cimage_probe(int format, const uint8_t *data, size_t size, uint32_t *width, uint32_t *height,
                 char *error, size_t capacity) {
    *width = 0;
    *height = 0;
    switch (format) {
    case CIMAGE_PNG: return png_probe(data, size, width, height, error, capacity);
    case CIMAGE_JPEG: return jpeg_probe(data, size, width, height, error, capacity);
    case CIMAGE_GIF: return gif_probe(data, size, width, height, error, capacity);
    default: return fail(CIMAGE_UNSUPPORTED, error, capacity, "no header probe for format %d", format);
    }
}

int cimage_decode(int format, const uint8_t *data, size_t size, uint32_t width, uint32_t height, uint8_t *rgba,
                  char *error, size_t capacity) {
    if (width == 0 || height == 0) return fail(CIMAGE_MISMATCH, error, capacity, "the image has no pixels");
    switch (format) {
    case CIMAGE_PNG: return png_decode(data, size, width, height, rgba, error, capacity);
    case CIMAGE_JPEG: return jpeg_decode(data, size, width, height, rgba, error, capacity);
    case CIMAGE_GIF: return gif_decode(data, size, width, height, rgba, error, capacity);
    case CIMAGE_SVG: return svg_render(data, size, width, height, rgba, error, capacity);
    default: return fail(CIMAGE_UNSUPPORTED, error, capacity, "no decoder for format %d", format);
    }
}

int cimage_encode(int format, const uint8_t *rgba, uint32_t width, uint32_t height, int quality, uint8_t **output,
                  size_t *output_size, char *error, size_t capacity) {
    *output = NULL;
    *output_size = 0;
    if (width == 0 || height == 0) return fail(CIMAGE_MISMATCH, error, capacity, "the image has no pixels");
    switch (format) {
    case CIMAGE_PNG: return png_encode(rgba, width, height, output, output_size, error, capacity);
    case CIMAGE_JPEG: return jpeg_encode(rgba, width, height, quality, output, output_size, error, capacity);
    case CIMAGE_GIF: return gif_encode(rgba, width, height, output, output_size, error, capacity);
    default: return fail(CIMAGE_UNSUPPORTED, error, capacity, "no encoder for format %d", format);
    }
}
