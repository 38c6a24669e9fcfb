//! Parameters in force by date (issue #19; rules.md, "Parameters in force by date"). The law moved under the data
//! (UU 20/2023, the March 2024 circular, the COVID-19 relaxation), so a parameter has a base value, in force from
//! the beginning of time, and dated changes; a rule judges an event with the values in force on the event's date,
//! and a violation records them with the day each came into force. Pure: built from stored rows and checked as a
//! whole (every period must pass [`Params::check`]).

use std::ops::Deref;

use super::params::{ParamError, Params, PARAMETERS};
use crate::domain::Date;

/// One dated change as stored: `key` takes `value` from `from` on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatedValue {
    pub key: String,
    pub from: Date,
    pub value: String,
}

/// Every set of values the parameters took: the base set, then one set per day on which something changed, each in
/// force until the next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamTimeline {
    base: Params,
    /// `(from, the set in force from that day)`, ascending, one per distinct day.
    periods: Vec<(Date, Params)>,
    /// `(key, from)` of every change, ascending by day: since when a value is in force.
    changes: Vec<(&'static str, Date)>,
}

impl From<Params> for ParamTimeline {
    /// Values that never changed.
    fn from(base: Params) -> ParamTimeline {
        ParamTimeline {
            base,
            periods: Vec::new(),
            changes: Vec::new(),
        }
    }
}

/// The key as the code declares it (so a change can be kept without its text), or `None` for a key this version no
/// longer knows (a retired parameter: ignored, as the base values' are).
fn known_key(key: &str) -> Option<&'static str> {
    PARAMETERS.iter().map(|p| p.0).find(|k| *k == key)
}

impl ParamTimeline {
    /// The timeline of `base` with `changes` applied in date order. A value that is invalid, or a day on which the
    /// set as a whole does not hold (a COVID window ending before it starts), is an error naming that day.
    pub fn new(
        base: Params,
        changes: impl IntoIterator<Item = DatedValue>,
    ) -> Result<ParamTimeline, ParamError> {
        let mut changes: Vec<(&'static str, DatedValue)> = changes
            .into_iter()
            .filter_map(|c| known_key(&c.key).map(|k| (k, c)))
            .collect();
        changes.sort_by_key(|(key, c)| (c.from, *key));
        let mut timeline = ParamTimeline::from(base);
        let mut current = base;
        for (i, (key, change)) in changes.iter().enumerate() {
            current.set(key, &change.value)?;
            timeline.changes.push((key, change.from));
            let last_of_day = changes
                .get(i + 1)
                .is_none_or(|(_, next)| next.from != change.from);
            if last_of_day {
                current.check().map_err(|e| ParamError::InForce {
                    from: change.from,
                    problem: e.to_string(),
                })?;
                timeline.periods.push((change.from, current));
            }
        }
        Ok(timeline)
    }

    /// The values in force on `day`.
    pub fn at(&self, day: Date) -> InForce<'_> {
        let index = self.periods.partition_point(|(from, _)| *from <= day);
        let params = match index {
            0 => &self.base,
            i => &self.periods[i - 1].1,
        };
        InForce {
            params,
            timeline: self,
            on: day,
        }
    }

    /// The day from which `key`'s value in force on `day` applies; `None` when it is the base value.
    pub fn since(&self, key: &str, day: Date) -> Option<Date> {
        self.changes
            .iter()
            .rev()
            .find(|(k, from)| *k == key && *from <= day)
            .map(|(_, from)| *from)
    }

    /// The base values (in force before the first change).
    pub fn base(&self) -> &Params {
        &self.base
    }

    /// Whether any parameter has a dated change.
    pub fn is_constant(&self) -> bool {
        self.changes.is_empty()
    }
}

/// The values in force on one day, read like [`Params`]; a violation's snapshot also says since when.
#[derive(Clone, Copy, Debug)]
pub struct InForce<'a> {
    params: &'a Params,
    timeline: &'a ParamTimeline,
    on: Date,
}

impl Deref for InForce<'_> {
    type Target = Params;
    fn deref(&self) -> &Params {
        self.params
    }
}

impl InForce<'_> {
    /// The day these values are in force on (the event's date).
    pub fn on(&self) -> Date {
        self.on
    }

    /// `(key, value, in force since)` of `keys`, as a violation records them (`None`: the base value).
    pub fn snapshot(&self, keys: &[&'static str]) -> Vec<(&'static str, String, Option<Date>)> {
        keys.iter()
            .map(|&k| {
                (
                    k,
                    self.params.get(k).unwrap_or_default(),
                    self.timeline.since(k, self.on),
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        Date::parse(text).expect("date")
    }

    fn change(key: &str, from: &str, value: &str) -> DatedValue {
        DatedValue {
            key: key.into(),
            from: day(from),
            value: value.into(),
        }
    }

    #[test]
    fn a_value_is_in_force_from_its_day_on_and_the_base_before() {
        let timeline = ParamTimeline::new(
            Params::default(),
            [
                change("rotation.post_inauguration_months", "2025-01-01", "0"),
                change("rotation.post_inauguration_months", "2024-03-15", "3"),
            ],
        )
        .expect("valid");
        let months = |d: &str| timeline.at(day(d)).post_inauguration_months;
        assert_eq!(months("2024-03-14"), 6, "the day before the first change");
        assert_eq!(months("2024-03-15"), 3, "on it");
        assert_eq!(months("2024-12-31"), 3);
        assert_eq!(months("2025-01-01"), 0, "on the second");
        let key = "rotation.post_inauguration_months";
        assert_eq!(timeline.since(key, day("2024-03-14")), None);
        assert_eq!(
            timeline.since(key, day("2024-06-01")),
            Some(day("2024-03-15"))
        );
        let snapshot = timeline
            .at(day("2025-02-01"))
            .snapshot(&[key, "tenure.min_years"]);
        assert_eq!(
            snapshot,
            [
                (key, "0".to_string(), Some(day("2025-01-01"))),
                ("tenure.min_years", "2".to_string(), None)
            ]
        );
    }

    #[test]
    fn every_period_is_checked_as_a_whole_and_unknown_keys_are_ignored() {
        let moved_end = [change(
            "tenure.covid_window_end",
            "2022-01-01",
            "2019-01-01",
        )];
        assert!(matches!(
            ParamTimeline::new(Params::default(), moved_end),
            Err(ParamError::InForce { .. })
        ));
        let bad = [change("acting.max_months", "2022-01-01", "lots")];
        assert!(matches!(
            ParamTimeline::new(Params::default(), bad),
            Err(ParamError::Invalid { .. })
        ));
        let retired = [change("no.longer.known", "2022-01-01", "1")];
        assert!(ParamTimeline::new(Params::default(), retired)
            .expect("ignored")
            .is_constant());
        // Two changes on one day are checked together: the window moves as a whole.
        let both = [
            change("tenure.covid_window_start", "2024-01-01", "2024-02-01"),
            change("tenure.covid_window_end", "2024-01-01", "2024-03-01"),
        ];
        let timeline = ParamTimeline::new(Params::default(), both).expect("valid together");
        assert_eq!(
            timeline.at(day("2024-01-01")).covid_window_end,
            day("2024-03-01")
        );
        assert_eq!(
            timeline.at(day("2023-12-31")).covid_window_end,
            day("2023-06-21")
        );
    }
}
