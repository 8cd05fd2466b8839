//! HTML written on the server: the documents the command line and the API share (the
//! promotion packet, the team report).

pub mod packet;
pub mod team;
