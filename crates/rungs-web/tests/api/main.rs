//! The API, answered in-process: authorization, authentication, the records, the OpenAPI
//! document.

mod access;
mod auth;
mod authz;
mod cycles;
mod limits;
mod openapi;
mod records;
mod sheets;
mod support;
