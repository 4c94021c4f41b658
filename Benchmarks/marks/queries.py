"""The nine query transformations of the trademark image benchmark (Pillow only).

Every transformation takes the gallery image as RGBA and returns the query image. Queries keep
the alpha channel (as the gallery has it) except `invert`, which is flattened on white as a
scanned or re-drawn negative would arrive at an office.
"""
import os
import random

import numpy as np
from PIL import Image, ImageDraw, ImageFont, ImageOps

WORDS = ["ACME", "NOVA", "ZENITH", "ORBIT", "LUMA", "VELOX", "KORA", "MIRA", "TEMPO", "AXIS",
         "SOLIS", "PRIMA", "DELTA", "OMNI", "VIVA", "ALTO"]


def load_rgba(path):
    """Gallery images are palette PNGs with a transparent index: read them as RGBA."""
    with Image.open(path) as image:
        return image.convert("RGBA")


def flatten_on_white(image):
    """RGBA → RGB composited on white (what a printed or scanned mark looks like)."""
    background = Image.new("RGBA", image.size, (255, 255, 255, 255))
    return Image.alpha_composite(background, image.convert("RGBA")).convert("RGB")


def rotate_90(image, rng):
    return image.rotate(90, expand=True)


def rotate_15(image, rng):
    return image.rotate(15, resample=Image.BICUBIC, expand=True, fillcolor=(0, 0, 0, 0))


def mirror(image, rng):
    return ImageOps.mirror(image)


def greyscale(image, rng):
    grey = image.convert("LA")
    return grey.convert("RGBA")


def invert(image, rng):
    """RGB inverted, alpha kept, then flattened on white: a negative of the mark on white paper."""
    pixels = np.asarray(image).copy()
    pixels[..., :3] = 255 - pixels[..., :3]
    return flatten_on_white(Image.fromarray(pixels, "RGBA"))


def hue_shift(image, degrees):
    pixels = np.asarray(image).astype(np.float32) / 255.0
    rgb = pixels[..., :3]
    maximum = rgb.max(axis=-1)
    minimum = rgb.min(axis=-1)
    delta = maximum - minimum
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    hue = np.zeros_like(maximum)
    safe = np.where(delta == 0, 1, delta)
    hue = np.where(maximum == r, ((g - b) / safe) % 6, hue)
    hue = np.where(maximum == g, (b - r) / safe + 2, hue)
    hue = np.where(maximum == b, (r - g) / safe + 4, hue)
    hue = np.where(delta == 0, 0, hue)
    hue = (hue * 60 + degrees) % 360
    saturation = np.where(maximum == 0, 0, delta / np.where(maximum == 0, 1, maximum))
    value = maximum
    c = value * saturation
    x = c * (1 - np.abs((hue / 60) % 2 - 1))
    m = value - c
    sector = (hue // 60).astype(int) % 6
    zeros = np.zeros_like(c)
    table = [(c, x, zeros), (x, c, zeros), (zeros, c, x), (zeros, x, c), (x, zeros, c), (c, zeros, x)]
    out = np.zeros_like(rgb)
    for index, (rr, gg, bb) in enumerate(table):
        mask = sector == index
        out[..., 0] = np.where(mask, rr, out[..., 0])
        out[..., 1] = np.where(mask, gg, out[..., 1])
        out[..., 2] = np.where(mask, bb, out[..., 2])
    out = out + m[..., None]
    result = np.concatenate([out, pixels[..., 3:]], axis=-1)
    return Image.fromarray(np.clip(result * 255 + 0.5, 0, 255).astype(np.uint8), "RGBA")


def recolour(image, rng):
    """Hue turned by 120° (reds become greens, greens blues …); lightness and alpha kept."""
    return hue_shift(image, 120)


def shrink(image, rng):
    """Scaled to half size and placed off-centre (random corner region) on the same canvas."""
    width, height = image.size
    small = image.resize((width // 2, height // 2), Image.LANCZOS)
    canvas = Image.new("RGBA", image.size, (0, 0, 0, 0))
    x = rng.randint(0, width - small.width)
    y = rng.randint(0, height - small.height)
    # Keep it clearly off-centre: push into the quadrant it already leans to.
    x = 2 if x < (width - small.width) // 2 else width - small.width - 2
    canvas.paste(small, (x, y), small)
    return canvas


def crop_70(image, rng):
    """The central 70 % of width and height (49 % of the area): the mark's edges are cut off."""
    width, height = image.size
    w, h = round(width * 0.7), round(height * 0.7)
    left, top = (width - w) // 2, (height - h) // 2
    return image.crop((left, top, left + w, top + h))


def add_word(image, rng):
    """A word in black, Pillow's default font at 20 px, to the right of the mark."""
    word = rng.choice(WORDS)
    font = ImageFont.load_default(size=20)
    left, top, right, bottom = font.getbbox(word)
    width, height = image.size
    canvas = Image.new("RGBA", (width + 6 + right + 4, height), (0, 0, 0, 0))
    canvas.paste(image, (0, 0), image)
    draw = ImageDraw.Draw(canvas)
    draw.text((width + 6, (height - (bottom + top)) // 2), word, font=font, fill=(0, 0, 0, 255))
    return canvas


TRANSFORMS = [
    ("rotate-90", rotate_90),
    ("rotate-15", rotate_15),
    ("mirror", mirror),
    ("greyscale", greyscale),
    ("invert", invert),
    ("recolour", recolour),
    ("shrink", shrink),
    ("crop-70", crop_70),
    ("word", add_word),
]


def write_queries(gallery, stems, out_dir, seed):
    """Writes out_dir/<transform>/<stem>.png; returns {transform: [(stem, path)]}."""
    queries = {}
    for name, function in TRANSFORMS:
        rng = random.Random(f"{seed}-{name}")
        folder = os.path.join(out_dir, name)
        os.makedirs(folder, exist_ok=True)
        items = []
        for stem in stems:
            path = os.path.join(folder, stem + ".png")
            if not os.path.exists(path):
                function(load_rgba(os.path.join(gallery, stem + ".png")), rng).save(path)
            items.append((stem, path))
        queries[name] = items
    return queries


def random_variant(image, rng):
    """A random look-alike for growing the gallery: rotation, scale and hue shift."""
    out = image.rotate(rng.uniform(-180, 180), resample=Image.BICUBIC, expand=False, fillcolor=(0, 0, 0, 0))
    scale = rng.uniform(0.6, 1.0)
    size = max(8, round(72 * scale))
    out = out.resize((size, size), Image.LANCZOS)
    canvas = Image.new("RGBA", (72, 72), (0, 0, 0, 0))
    canvas.paste(out, (rng.randint(0, 72 - size), rng.randint(0, 72 - size)), out)
    return hue_shift(canvas, rng.uniform(0, 360))
