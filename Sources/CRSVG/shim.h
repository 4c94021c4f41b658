// librsvg and cairo, found through pkg-config (Debian: librsvg2-dev). Only the CImage shim includes them;
// Swift code never sees these headers.
#include <librsvg/rsvg.h>
#include <cairo.h>
