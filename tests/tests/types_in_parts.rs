//! `cargo xtask codegen` emits and formats `src/types.rs` in as many parts
//! as the machine has cores. However many parts, the file is the same
//! bytes as emitted whole: the checked-in crate does not depend on the
//! machine that generated it.

mod common;

#[test]
fn types_rs_is_the_same_in_any_number_of_parts() {
    let job = common::default_job();
    let generated = xtask::generate(&job).unwrap();
    let space = &generated.space;
    let options = xtask::emit::EmitOptions {
        crate_name: job.crate_name.clone(),
        crate_version: job.crate_version.clone(),
        spec_display: job.spec_display.clone(),
        overlay_display: job.overlay_display.clone(),
    };
    let whole = xtask::format::render(xtask::emit::emit(space, &options).unwrap(), &job.spec_display);
    let whole = &whole[xtask::emit::TYPES_PATH];
    assert_eq!(&generated.files[xtask::emit::TYPES_PATH], whole);
    // More parts than types leaves some empty.
    for parts in [2, 3, 7, space.types.len() + 3] {
        let texts = (0..parts)
            .map(|part| xtask::format::unparse_spaced(xtask::emit::types_part(space, part, parts).unwrap()))
            .collect();
        assert!(xtask::format::render_parts(texts, &job.spec_display) == *whole, "{parts} parts");
    }
}
