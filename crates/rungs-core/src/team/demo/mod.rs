//! A demo organization: a realistic, fictional roster and assessment history for any framework,
//! the same for the same seed.
//!
//! The organization is built from the framework's own rules, bottom-up. Individual contributors
//! are spread over the levels below the manager track; the first-line managers are enough for
//! them at the middle of their span-of-control rule; each higher management level has about four
//! reports each; one person sits at the top. A few managers draw extra reports (spans too wide),
//! a few are paid outside their band, some managers rate leniently or harshly, and several years
//! of assessments show people growing and being promoted.

mod files;
mod people;

use crate::date::Date;
use crate::framework::{Framework, LevelPos};
use crate::rng::SplitMix64;

use people::Shape;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoOptions {
    pub people: usize,
    pub seed: u64,
    /// Assessment cycles, six months apart, alternating manager and self assessments.
    pub cycles: usize,
    /// The day of the last cycle (assessments fall in the two weeks before it).
    pub as_of: Date,
    /// The company stage for pay; the framework's middle stage when absent.
    pub stage: Option<String>,
}

/// The demo as CSV files: the roster and the assessment history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Demo {
    pub roster_csv: String,
    pub history_csv: String,
    pub people: usize,
    pub assessments: usize,
    /// The company stage its people are paid at (the organization's stage).
    pub stage: Option<String>,
}

const FIRST: [&str; 48] = [
    "Ada", "Ben", "Chloé", "Dev", "Elif", "Femi", "Gita", "Hugo", "Ines", "Jae", "Kofi", "Lena",
    "Mateo", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Vera", "Wen", "Xavi",
    "Yara", "Zane", "Amara", "Bram", "Carmen", "Dmitri", "Esme", "Farid", "Greta", "Hiro", "Ivo",
    "Jana", "Kai", "Lior", "Maya", "Nils", "Oona", "Pavel", "Rahel", "Sven", "Tomás", "Ulla",
    "Wilf", "Zoë",
];
const LAST: [&str; 48] = [
    "Abara",
    "Berg",
    "Castillo",
    "Dlamini",
    "Eriksen",
    "Fontaine",
    "Garcia",
    "Haddad",
    "Ibarra",
    "Jensen",
    "Kaur",
    "Larsen",
    "Mensah",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quispe",
    "Rossi",
    "Sato",
    "Tanaka",
    "Usman",
    "Varga",
    "Wójcik",
    "Xu",
    "Yilmaz",
    "Zhou",
    "Adeyemi",
    "Bauer",
    "Costa",
    "Dubois",
    "Edwards",
    "Fischer",
    "Gomez",
    "Hughes",
    "Ito",
    "Jovanović",
    "Kim",
    "Lopez",
    "Moreau",
    "Novak",
    "Ortiz",
    "Park",
    "Reyes",
    "Silva",
    "Torres",
    "Uddin",
    "Vogel",
    "Walsh",
];
const TEAMS: [&str; 12] = [
    "Payments",
    "Growth",
    "Search",
    "Checkout",
    "Platform",
    "Mobile",
    "Ads",
    "Onboarding",
    "Data",
    "Risk",
    "Marketplace",
    "Identity",
];
const PLACES: [&str; 8] = [
    "London",
    "Berlin",
    "New York",
    "Remote",
    "Lagos",
    "Singapore",
    "São Paulo",
    "Toronto",
];

/// Someone in the demo, before they are written out.
struct Person {
    level: LevelPos,
    track: usize,
    manager: Option<usize>,
    name: String,
    /// How far ahead of their level they perform: -1, 0 or +1 rank.
    edge: i32,
    /// For managers: how their ratings lean (+1 lenient, -1 harsh, 0).
    bias: i32,
    rung_start: Date,
}

impl SplitMix64 {
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        self.next_f64() < p
    }
}

/// The demo for a framework: the same for the same options.
pub fn demo(fw: &Framework, opts: &DemoOptions) -> Demo {
    let mut rng = SplitMix64::new(opts.seed ^ 0x005E_ED0F_DE40);
    let shape = Shape::of(fw, opts.people);
    let (mut people, by_level) = people::hire(fw, opts, &shape, &mut rng);
    people::report_lines(fw, &shape.managers, &mut people, &by_level, &mut rng);
    let roster_csv = files::roster(fw, opts, &people, &mut rng);
    let (history_csv, assessments) = files::history(fw, opts, &people, &mut rng);
    Demo {
        roster_csv,
        history_csv,
        people: people.len(),
        assessments,
        stage: files::stage_of(fw, opts),
    }
}
