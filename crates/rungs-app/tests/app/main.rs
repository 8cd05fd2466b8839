//! The application layer
