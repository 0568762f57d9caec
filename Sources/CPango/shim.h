#ifndef RNNLESSONS_CPANGO_SHIM_H
#define RNNLESSONS_CPANGO_SHIM_H
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

/// A Cairo font map (FreeType faces) that sees only the fonts of `config`,
/// not the machine's; NULL when Pango cannot make one. Release with
/// g_object_unref.
static inline PangoFontMap *rnnlessons_font_map(FcConfig *config) {
    PangoFontMap *map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    if (map != NULL) {
        pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), config);
    }
    return map;
}

/// Releases a GObject (font maps, contexts, layouts).
static inline void rnnlessons_unref(void *object) {
    if (object != NULL) g_object_unref(object);
}
#endif
