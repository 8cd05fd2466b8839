//! Every destination from a level: the rungs within reach with their years, and the ways off the ladder.

use super::*;

/// Where else a level can lead: the other rungs within reach, and the framework's paths off
/// the ladder.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Explore {
    pub from: String,
    /// Levels reachable along the ladder, with the fastest route's years.
    pub ladder: Vec<Destination>,
    pub adjacent_roles: Vec<Topic>,
    pub entrepreneurial_paths: Vec<Topic>,
    pub executive_paths: Vec<Topic>,
    pub industry_transitions: Vec<Topic>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Destination {
    pub level: String,
    pub steps: usize,
    pub years: Percentiles,
}

/// Every destination the framework knows from a level; with a track, only the rungs a route
/// that keeps to it reaches.
pub fn explore(
    fw: &Framework,
    from: LevelPos,
    track: Option<&str>,
    seed: u64,
    runs: usize,
) -> Result<Explore, PathError> {
    if let Some(t) = track {
        fw.track(t)
            .ok_or_else(|| PathError::UnknownTrack(t.to_owned()))?;
    }
    let ladder = fw
        .level_positions()
        .filter(|&to| to != from)
        .filter_map(|to| {
            let opts = PathOptions {
                track: track.map(str::to_owned),
                seed,
                runs,
                max_routes: 1,
                ..PathOptions::default()
            };
            let p = plan(fw, from, to, &opts).ok()?;
            Some(Destination {
                level: p.to,
                steps: p.details[0].steps.len(),
                years: p.years,
            })
        })
        .collect();
    let id = &fw.level_at(from).id;
    let applies = |t: &&Topic| t.levels.is_empty() || t.levels.contains(id);
    let g = fw.guidance();
    Ok(Explore {
        from: id.clone(),
        ladder,
        adjacent_roles: g.adjacent_roles.iter().filter(applies).cloned().collect(),
        entrepreneurial_paths: g
            .entrepreneurial_paths
            .iter()
            .filter(applies)
            .cloned()
            .collect(),
        executive_paths: g.executive_paths.iter().filter(applies).cloned().collect(),
        industry_transitions: g
            .industry_transitions
            .iter()
            .filter(applies)
            .cloned()
            .collect(),
    })
}
