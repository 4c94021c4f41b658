#include "cimage.h"
