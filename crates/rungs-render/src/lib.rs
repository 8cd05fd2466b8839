#![forbid(unsafe_code)]
//! What the faces render that is not a page: the documents a person downloads or prints from
//! the command line (a development plan, a promotion packet, a team report) as Markdown. The
//! core answers with typed documents; the command line and the server both render them here,
//! so the same document reads the same from either. Text people typed is escaped on the way
//! (see [`escape`]).

pub mod escape;
mod packet;
mod plan;
mod report;

pub use escape::{md, md_cell};
pub use packet::packet;
pub use plan::plan;
pub use report::report;
