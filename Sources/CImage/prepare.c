// The per-pixel steps of mark pre-processing, in C so that indexing stays fast in debug builds too
// (every indexed and queried mark goes through them). The decisions live in MarkPreprocessor.swift.
#include "cimage.h"

#include <math.h>

void cimage_flatten(uint8_t *rgba, size_t count, uint8_t red, uint8_t green, uint8_t blue) {
    for (size_t pixel = 0; pixel < count; pixel++) {
        uint8_t *p = rgba + pixel * 4;
        unsigned alpha = p[3];
        if (alpha == 255) continue;
        unsigned rest = 255 - alpha;
        // (c·a + g·(255−a)) / 255, rounded.
        p[0] = (uint8_t)((p[0] * alpha + red * rest + 127) / 255);
        p[1] = (uint8_t)((p[1] * alpha + green * rest + 127) / 255);
        p[2] = (uint8_t)((p[2] * alpha + blue * rest + 127) / 255);
        p[3] = 255;
    }
}

int cimage_mark_planes(const uint8_t *rgba, size_t count, float ground_luminance, float threshold,
                       float *grey, float *ink) {
    for (size_t pixel = 0; pixel < count; pixel++) {
        const uint8_t *p = rgba + pixel * 4;
        grey[pixel] = (0.299f * p[0] + 0.587f * p[1] + 0.114f * p[2]) / 255;
    }
    int invert = 0;
    if (ground_luminance < 0.5f) {
        double sum = 0;
        size_t marked = 0;
        for (size_t pixel = 0; pixel < count; pixel++) {
            if (fabsf(grey[pixel] - ground_luminance) > threshold) { sum += grey[pixel]; marked++; }
        }
        // A dark image with nothing on it is an empty mark: shown light like every other empty mark.
        invert = marked == 0 || sum / (double)marked > ground_luminance;
    }
    float ground = ground_luminance;
    if (invert) {
        ground = 1 - ground_luminance;
        for (size_t pixel = 0; pixel < count; pixel++) grey[pixel] = 1 - grey[pixel];
    }
    float strongest = 0;
    for (size_t pixel = 0; pixel < count; pixel++) {
        float distance = fabsf(ground - grey[pixel]);
        if (distance > strongest) strongest = distance;
    }
    if (!(strongest > 2.0f / 255)) {
        for (size_t pixel = 0; pixel < count; pixel++) ink[pixel] = 0;
        return invert;
    }
    // A pale mark has little contrast in grey: the threshold shrinks with it so the mark keeps its ink.
    float cut = threshold < strongest / 4 ? threshold : strongest / 4;
    float range = strongest - cut;
    for (size_t pixel = 0; pixel < count; pixel++) {
        float distance = fabsf(ground - grey[pixel]) - cut;
        // Divided (not multiplied by a reciprocal) so the strongest pixel reads exactly 1.
        ink[pixel] = distance <= 0 ? 0 : (distance >= range ? 1 : distance / range);
    }
    return invert;
}

int cimage_has_transparency(const uint8_t *rgba, size_t count) {
    for (size_t pixel = 0; pixel < count; pixel++) {
        if (rgba[pixel * 4 + 3] != 255) return 1;
    }
    return 0;
}

static inline int difference(int a, int b) { return a > b ? a - b : b - a; }

int cimage_mark_box(const uint8_t *rgba, uint32_t width, uint32_t height, uint8_t red, uint8_t green, uint8_t blue,
                    int tolerance, int32_t box[4]) {
    int64_t minX = width, minY = height, maxX = -1, maxY = -1;
    for (uint32_t y = 0; y < height; y++) {
        const uint8_t *row = rgba + (size_t)y * width * 4;
        int64_t rowMin = -1, rowMax = -1;
        for (uint32_t x = 0; x < width; x++) {
            const uint8_t *p = row + x * 4;
            int d = difference(p[0], red), g = difference(p[1], green), b = difference(p[2], blue);
            if (g > d) d = g;
            if (b > d) d = b;
            if (d > tolerance) {
                if (rowMin < 0) rowMin = x;
                rowMax = x;
            }
        }
        if (rowMax >= 0) {
            if (rowMin < minX) minX = rowMin;
            if (rowMax > maxX) maxX = rowMax;
            if (y < minY) minY = y;
            maxY = y;
        }
    }
    if (maxX < 0) return 0;
    box[0] = (int32_t)minX;
    box[1] = (int32_t)minY;
    box[2] = (int32_t)(maxX - minX + 1);
    box[3] = (int32_t)(maxY - minY + 1);
    return 1;
}
