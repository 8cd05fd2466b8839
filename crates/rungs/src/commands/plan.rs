//! `rungs plan <file>` (Markdown) and `rungs packet <file>` (Markdown, printable HTML or JSON).

use std::path::Path;

use anyhow::Result;
use rungs_core::Framework;
use rungs_core::eval::Evaluator;

use super::Output;
use crate::cli::{PacketFormat, PersonArgs};
use crate::source;

pub(super) fn plan(
    fw: &Framework,
    file: Option<&Path>,
    from: &PersonArgs,
    to: Option<&str>,
    json: bool,
) -> Result<Output> {
    let ev = Evaluator::new(fw);
    let a = super::person::assessment(fw, file, from)?;
    let target = source::target(&ev, &a, to)?;
    let plan = ev.plan(&a, target);
    if json {
        return Output::json(&plan);
    }
    Ok(Output::text(rungs_render::plan(&plan)))
}

pub(super) fn packet(
    fw: &Framework,
    file: Option<&Path>,
    from: &PersonArgs,
    to: Option<&str>,
    versus: Option<&Path>,
    format: PacketFormat,
) -> Result<Output> {
    let ev = Evaluator::new(fw);
    let a = super::person::assessment(fw, file, from)?;
    let target = source::target(&ev, &a, to)?;
    let other = match versus {
        Some(path) => Some(source::assessment(path, fw)?),
        None => None,
    };
    let packet = ev.packet(&a, target, other.as_ref())?;
    match format {
        PacketFormat::Json => Output::json(&packet),
        PacketFormat::Md => Ok(Output::text(rungs_render::packet(&packet))),
        PacketFormat::Html => Ok(Output::text(
            rungs_web::views::packet::document(&packet, rungs_web::views::Styles::Inline)
                .into_string(),
        )),
    }
}
