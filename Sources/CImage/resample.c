// Separable resampling for the imaging engine, in C because it is the hottest pixel loop of indexing
// (every mark is resampled to the descriptor size) and must stay fast in debug builds too.
#include "cimage.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct taps {
    int *start;
    int *count;
    float *weight;  // `stride` per output position
    int stride;
};

static void taps_free(struct taps *taps) {
    free(taps->start);
    free(taps->count);
    free(taps->weight);
}

static int taps_make(struct taps *taps, int source, int target) {
    taps->stride = target < source ? (int)ceil((double)source / target) + 1 : 2;
    taps->start = calloc((size_t)target, sizeof(int));
    taps->count = calloc((size_t)target, sizeof(int));
    taps->weight = calloc((size_t)target * (size_t)taps->stride, sizeof(float));
    if (!taps->start || !taps->count || !taps->weight) { taps_free(taps); return 0; }
    double scale = (double)source / target;
    for (int i = 0; i < target; i++) {
        float *weight = taps->weight + (size_t)i * taps->stride;
        if (target < source) {
            // Area averaging: output i covers [i·scale, (i+1)·scale) of the source.
            double low = i * scale, high = fmin((double)source, (i + 1) * scale);
            int first = (int)floor(low), last = (int)ceil(high) - 1;
            if (last > source - 1) last = source - 1;
            if (last - first + 1 > taps->stride) last = first + taps->stride - 1;
            taps->start[i] = first;
            taps->count[i] = last - first + 1;
            for (int j = first; j <= last; j++) {
                double overlap = fmin(high, (double)j + 1) - fmax(low, (double)j);
                weight[j - first] = (float)(overlap > 0 ? overlap / scale : 0);
            }
        } else {
            double position = (i + 0.5) * scale - 0.5;
            if (position < 0) position = 0;
            int first = (int)floor(position);
            if (first > source - 1) first = source - 1;
            float fraction = (float)(position - first);
            taps->start[i] = first;
            if (first + 1 < source && fraction > 0) {
                taps->count[i] = 2;
                weight[0] = 1 - fraction;
                weight[1] = fraction;
            } else {
                taps->count[i] = 1;
                weight[0] = 1;
            }
        }
    }
    return 1;
}

static inline uint8_t to_byte(float value) {
    if (!(value > 0)) return 0;
    if (value >= 255) return 255;
    return (uint8_t)(value + 0.5f);
}

int cimage_resample(const uint8_t *source, uint32_t source_width, uint32_t source_height,
                    uint8_t *target, uint32_t target_width, uint32_t target_height, int opaque) {
    struct taps horizontal, vertical;
    if (!taps_make(&horizontal, (int)source_width, (int)target_width)) return CIMAGE_NO_MEMORY;
    if (!taps_make(&vertical, (int)source_height, (int)target_height)) { taps_free(&horizontal); return CIMAGE_NO_MEMORY; }
    // One output row at a time: its source rows combined into `row` (premultiplied), then resampled across.
    float *row = malloc((size_t)source_width * 4 * sizeof(float));
    if (!row) { taps_free(&horizontal); taps_free(&vertical); return CIMAGE_NO_MEMORY; }
    const size_t rowLength = (size_t)source_width * 4;
    for (uint32_t y = 0; y < target_height; y++) {
        memset(row, 0, rowLength * sizeof(float));
        const float *verticalWeight = vertical.weight + (size_t)y * vertical.stride;
        for (int tap = 0; tap < vertical.count[y]; tap++) {
            const float weight = verticalWeight[tap];
            const uint8_t *line = source + (size_t)(vertical.start[y] + tap) * rowLength;
            if (opaque) {
                for (size_t index = 0; index < rowLength; index++) row[index] += weight * line[index];
            } else {
                for (uint32_t x = 0; x < source_width; x++) {
                    const uint8_t *pixel = line + x * 4;
                    const float alpha = pixel[3], premultiplied = weight * alpha;
                    float *sum = row + x * 4;
                    sum[0] += premultiplied * pixel[0];
                    sum[1] += premultiplied * pixel[1];
                    sum[2] += premultiplied * pixel[2];
                    sum[3] += weight * alpha;
                }
            }
        }
        uint8_t *out = target + (size_t)y * target_width * 4;
        for (uint32_t x = 0; x < target_width; x++) {
            const float *horizontalWeight = horizontal.weight + (size_t)x * horizontal.stride;
            const float *from = row + (size_t)horizontal.start[x] * 4;
            float r = 0, g = 0, b = 0, a = 0;
            for (int tap = 0; tap < horizontal.count[x]; tap++) {
                const float weight = horizontalWeight[tap];
                r += weight * from[tap * 4];
                g += weight * from[tap * 4 + 1];
                b += weight * from[tap * 4 + 2];
                a += weight * from[tap * 4 + 3];
            }
            uint8_t *pixel = out + x * 4;
            if (opaque) {
                pixel[0] = to_byte(r); pixel[1] = to_byte(g); pixel[2] = to_byte(b); pixel[3] = 255;
            } else if (a > 0.5f) {
                const float scale = 1 / a;
                pixel[0] = to_byte(r * scale); pixel[1] = to_byte(g * scale); pixel[2] = to_byte(b * scale);
                pixel[3] = to_byte(a);
            } else {
                pixel[0] = pixel[1] = pixel[2] = pixel[3] = 0;
            }
        }
    }
    free(row);
    taps_free(&horizontal);
    taps_free(&vertical);
    return CIMAGE_OK;
}
