# The icon's PNG sizes are rendered from its SVG at build time by a small Qt SVG program, for
# the hicolor theme (packaging/) and the window icon (app/gui).
find_package(Qt6 REQUIRED COMPONENTS Svg)
add_executable(apilens-render-icon "${CMAKE_CURRENT_LIST_DIR}/icons/rendericon.cpp")
target_link_libraries(apilens-render-icon PRIVATE Qt6::Gui Qt6::Svg apilens_options)
set(APILENS_ICON_SVG "${CMAKE_CURRENT_LIST_DIR}/icons/io.github.apilens.ApiLens.svg")
set(APILENS_ICON_SIZES 16 22 24 32 48 64 128 256 512)

# apilens_render_icon(OUT.png SIZE)
function(apilens_render_icon out size)
    get_filename_component(dir "${out}" DIRECTORY)
    add_custom_command(
        OUTPUT "${out}"
        COMMAND "${CMAKE_COMMAND}" -E make_directory "${dir}"
        COMMAND apilens-render-icon "${APILENS_ICON_SVG}" "${out}" ${size}
        DEPENDS apilens-render-icon "${APILENS_ICON_SVG}"
        COMMENT "Icon at ${size}×${size}"
        VERBATIM)
endfunction()
