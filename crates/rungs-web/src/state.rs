//! What every handler shares: the application and the server's settings.

use std::sync::Arc;

use rungs_app::App;

use crate::config::Config;

/// The server's state; cheap to clone.
#[derive(Debug, Clone)]
pub struct AppState(Arc<Inner>);

#[derive(Debug)]
pub struct Inner {
    pub app: App,
    pub config: Config,
}

impl std::ops::Deref for AppState {
    type Target = Inner;

    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub fn with_app(app: App, config: Config) -> AppState {
        AppState(Arc::new(Inner { app, config }))
    }
}
