"""Peers: imagehash's pHash and the classical descriptors done with OpenCV, scikit-image and numpy.

Pre-processing as far as it is reasonable in OpenCV: flatten transparency on white; estimate the
background from the border; if the background is dark, invert (light-on-dark becomes dark-on-light);
crop to the pixels that differ from the background; pad to a square with the background colour;
resize to 64×64 (INTER_AREA).

Descriptors (one row per image):
- Lab colour histogram, cv2.calcHist over the mark's pixels, 4×8×8 bins, compared by the
  Bhattacharyya (Hellinger) distance, as cv2.compareHist(HISTCMP_BHATTACHARYYA) does;
- HOG, skimage.feature.hog (9 orientations, 8×8 cells, 2×2 blocks, L2-Hys), Euclidean distance;
- Zernike-moment magnitudes |A_nm| up to order 12 of the ink (darkness) in the disk around the
  square, divided by A_00, Euclidean distance (numpy; mahotas is not in the peers' venv);
- contour Fourier descriptors: the largest outer contour (cv2.findContours), resampled to 128
  points by arc length, FFT of x+iy, |F_k| and |F_-k| for k = 1…16 (as a sorted pair: mirror and
  direction invariant) divided by max |F_±1|, Euclidean distance;
- pHash, imagehash.phash (64 bits), Hamming distance.
Fused modes: each distance column is standardised per query (z-score over the gallery) and the
z-scores are averaged: shape = HOG + Zernike + Fourier, colour = Lab histogram, composite = all four.
"""
import math
import time

import cv2
import imagehash
import numpy as np
from PIL import Image
from skimage.feature import hog

SIZE = 64
ZERNIKE_ORDER = 12


def _zernike_basis():
    """Complex conjugate Zernike polynomials V*_nm on the SIZE×SIZE grid (disk circumscribing it)."""
    coordinates = (np.arange(SIZE) + 0.5 - SIZE / 2) / (SIZE / 2 * math.sqrt(2))
    x, y = np.meshgrid(coordinates, -coordinates)
    rho = np.hypot(x, y)
    theta = np.arctan2(y, x)
    inside = rho <= 1
    basis, labels = [], []
    for n in range(ZERNIKE_ORDER + 1):
        for m in range(n % 2, n + 1, 2):
            radial = np.zeros_like(rho)
            for s in range((n - m) // 2 + 1):
                coefficient = ((-1) ** s * math.factorial(n - s)
                               / (math.factorial(s) * math.factorial((n + m) // 2 - s) * math.factorial((n - m) // 2 - s)))
                radial += coefficient * rho ** (n - 2 * s)
            v = radial * np.exp(-1j * m * theta) * inside * (n + 1) / math.pi
            basis.append(v.ravel())
            labels.append((n, m))
    return np.array(basis), labels


ZERNIKE_BASIS, ZERNIKE_LABELS = _zernike_basis()


def prepare(image):
    """PIL image (any mode) → (RGB uint8 SIZE×SIZE, mask bool SIZE×SIZE, flattened PIL RGB)."""
    rgba = image.convert("RGBA")
    white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    flat = Image.alpha_composite(white, rgba).convert("RGB")
    rgb = np.asarray(flat).astype(np.int16)
    border = np.concatenate([rgb[0], rgb[-1], rgb[:, 0], rgb[:, -1]])
    background = np.median(border, axis=0)
    mask = np.abs(rgb - background).max(axis=-1) > 24
    if background.mean() < 128:  # light on dark: make it dark on light
        rgb = 255 - rgb
        background = 255 - background
    ys, xs = np.nonzero(mask)
    if len(xs):
        rgb = rgb[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
        mask = mask[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
    h, w = mask.shape
    side = max(h, w)
    square = np.empty((side, side, 3), np.int16)
    square[:] = background.astype(np.int16)
    square_mask = np.zeros((side, side), bool)
    top, left = (side - h) // 2, (side - w) // 2
    square[top:top + h, left:left + w] = rgb
    square_mask[top:top + h, left:left + w] = mask
    small = cv2.resize(square.astype(np.uint8), (SIZE, SIZE), interpolation=cv2.INTER_AREA)
    small_mask = cv2.resize(square_mask.astype(np.float32), (SIZE, SIZE), interpolation=cv2.INTER_AREA) > 0.5
    return small, small_mask, flat


def lab_histogram(rgb, mask):
    lab = cv2.cvtColor(rgb, cv2.COLOR_RGB2Lab)
    m = mask.astype(np.uint8) if mask.any() else None
    histogram = cv2.calcHist([lab], [0, 1, 2], m, [4, 8, 8], [0, 256, 0, 256, 0, 256]).ravel()
    return histogram / max(histogram.sum(), 1e-9)


def hog_descriptor(rgb):
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    return hog(grey, orientations=9, pixels_per_cell=(8, 8), cells_per_block=(2, 2), block_norm="L2-Hys").astype(np.float32)


def zernike_magnitudes(rgb):
    ink = 1.0 - cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY).astype(np.float64) / 255.0
    moments = ZERNIKE_BASIS @ ink.ravel()
    magnitudes = np.abs(moments)
    return (magnitudes[1:] / max(magnitudes[0], 1e-9)).astype(np.float32)


def contour_fourier(mask, count=16, points=128):
    contours, _ = cv2.findContours(mask.astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    if not contours:
        return np.zeros(2 * count, np.float32)
    contour = max(contours, key=cv2.contourArea)[:, 0, :].astype(np.float64)
    closed = np.vstack([contour, contour[:1]])
    steps = np.hypot(*np.diff(closed, axis=0).T)
    length = np.concatenate([[0], np.cumsum(steps)])
    if length[-1] == 0:
        return np.zeros(2 * count, np.float32)
    samples = np.linspace(0, length[-1], points, endpoint=False)
    z = np.interp(samples, length, closed[:, 0]) + 1j * np.interp(samples, length, closed[:, 1])
    spectrum = np.abs(np.fft.fft(z))
    positive, negative = spectrum[1:count + 1], spectrum[-1:-count - 1:-1]
    scale = max(positive[0], negative[0], 1e-9)
    pairs = np.stack([np.maximum(positive, negative), np.minimum(positive, negative)], axis=1).ravel()
    return (pairs / scale).astype(np.float32)


def phash_bits(flat):
    return imagehash.phash(flat).hash.ravel()


def describe(image):
    """All peer descriptors of one PIL image: dict name → vector."""
    rgb, mask, flat = prepare(image)
    return {
        "lab": lab_histogram(rgb, mask),
        "hog": hog_descriptor(rgb),
        "zernike": zernike_magnitudes(rgb),
        "fourier": contour_fourier(mask),
        "phash": phash_bits(flat),
    }


def describe_all(paths):
    """Stacked descriptors of the images at paths; returns (dict name → matrix, seconds)."""
    started = time.perf_counter()
    rows = []
    for path in paths:
        with Image.open(path) as image:
            rows.append(describe(image))
    elapsed = time.perf_counter() - started
    return {name: np.stack([row[name] for row in rows]) for name in rows[0]}, elapsed


def distances(name, queries, gallery):
    """Distance matrix (queries × gallery) for one descriptor."""
    if name == "lab":
        coefficient = np.sqrt(queries) @ np.sqrt(gallery).T
        return np.sqrt(np.clip(1 - coefficient, 0, None))
    if name == "phash":
        q = queries.astype(np.float32)
        g = gallery.astype(np.float32)
        return q @ (1 - g).T + (1 - q) @ g.T
    q = queries.astype(np.float32)
    g = gallery.astype(np.float32)
    squared = (q * q).sum(1)[:, None] + (g * g).sum(1)[None, :] - 2 * q @ g.T
    return np.sqrt(np.clip(squared, 0, None))


MODES = {
    "pHash (imagehash)": ["phash"],
    "cv composite": ["lab", "hog", "zernike", "fourier"],
    "cv shape": ["hog", "zernike", "fourier"],
    "cv colour": ["lab"],
    "cv HOG": ["hog"],
    "cv Zernike": ["zernike"],
    "cv Fourier": ["fourier"],
}


def fused(names, queries, gallery):
    """Per query, z-scored distances averaged over the named descriptors (lower is closer)."""
    total = None
    for name in names:
        d = distances(name, queries[name], gallery[name])
        if len(names) > 1:
            d = (d - d.mean(axis=1, keepdims=True)) / (d.std(axis=1, keepdims=True) + 1e-9)
        total = d if total is None else total + d
    return total / len(names)
