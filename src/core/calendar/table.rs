//! The precomputed day table behind `Calendar`: one cell per day of the known years, prefix sums
//! of working days and the inverse index, so that counting n working days is two array reads and
//! never a walk. Outside the table only weekends are known, handled by weekday arithmetic.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::{DaySource, MakeUpDays, YearArrangement};

/// A day as a plain number (chrono's days from the common era; 0001-01-01 is 1, a Monday), so
/// that arithmetic never overflows and never needs a fallible date conversion in the middle.
pub(super) type DayNo = i64;

pub(super) fn day_no(date: NaiveDate) -> DayNo {
    DayNo::from(date.num_days_from_ce())
}

pub(super) fn date_of(day: DayNo) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(day).ok()?)
}

/// 0 for Monday … 6 for Sunday.
fn weekday_no(day: DayNo) -> i64 {
    (day - 1).rem_euclid(7)
}

fn is_weekend(day: DayNo) -> bool {
    weekday_no(day) >= 5
}

/// How many Monday–Friday days lie before `day`, counted from 0001-01-01. Monotone, so the
/// number of weekdays in `[a, b)` is `weekdays_before(b) - weekdays_before(a)`.
fn weekdays_before(day: DayNo) -> i64 {
    let m = day - 1;
    5 * m.div_euclid(7) + m.rem_euclid(7).min(5)
}

/// The weekday that has exactly `count` weekdays before it: the inverse of [`weekdays_before`].
fn weekday_with_count(count: i64) -> DayNo {
    7 * count.div_euclid(5) + count.rem_euclid(5) + 1
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum CellKind {
    Workday,
    Weekend,
    Holiday,
    MakeUp,
}

const NO_RANGE: u16 = u16::MAX;

#[derive(Clone, Copy, Debug)]
pub(super) struct Cell {
    pub kind: CellKind,
    pub source: DaySource,
    /// For a holiday, its range; for a make-up day, the range it was derived to belong to.
    range: u16,
}

impl Cell {
    fn weekday_only(day: DayNo, source: DaySource) -> Cell {
        let kind = if is_weekend(day) {
            CellKind::Weekend
        } else {
            CellKind::Workday
        };
        Cell {
            kind,
            source,
            range: NO_RANGE,
        }
    }

    fn is_working(self, make_up: MakeUpDays) -> bool {
        match self.kind {
            CellKind::Workday => true,
            CellKind::Weekend | CellKind::Holiday => false,
            CellKind::MakeUp => make_up == MakeUpDays::CountAsWorking,
        }
    }
}

#[derive(Debug)]
struct Range {
    name: String,
    to: DayNo,
}

/// Working days before each cell, and where the k-th working day of the table is.
#[derive(Debug)]
struct Prefix {
    /// `before[i]`: working days in cells `[0, i)`; one longer than the table.
    before: Vec<u32>,
    /// `nth[k]`: the cell of the k-th working day (0-based).
    nth: Vec<u32>,
}

impl Prefix {
    fn build(cells: &[Cell], make_up: MakeUpDays) -> Prefix {
        let mut before = Vec::with_capacity(cells.len() + 1);
        let mut nth = Vec::new();
        before.push(0);
        for (i, cell) in (0u32..).zip(cells) {
            if cell.is_working(make_up) {
                nth.push(i);
            }
            before.push(u32::try_from(nth.len()).unwrap_or(u32::MAX));
        }
        Prefix { before, nth }
    }

    fn total(&self) -> i64 {
        i64::try_from(self.nth.len()).unwrap_or(i64::MAX)
    }
}

#[derive(Debug)]
pub(super) struct Table {
    /// The first day of the table (1 January of the earliest year any arrangement touches).
    start: DayNo,
    cells: Vec<Cell>,
    ranges: Vec<Range>,
    years: BTreeMap<i32, DaySource>,
    counting: Prefix,
    resting: Prefix,
    /// `unknown_before[i]`: cells in `[0, i)` whose arrangement is unknown.
    unknown_before: Vec<u32>,
}

impl Table {
    /// Lays the years out day by day. Years are applied in ascending order, so where a notice
    /// reaches into the previous year (a 元旦 range starting in December) the later notice wins,
    /// as it did in fact: it was published after the earlier one.
    pub fn build(years: &BTreeMap<i32, (DaySource, YearArrangement)>) -> Table {
        let mut bounds: Option<(NaiveDate, NaiveDate)> = None;
        let mut widen = |date: NaiveDate| {
            bounds = Some(bounds.map_or((date, date), |(f, l)| (f.min(date), l.max(date))));
        };
        for (&year, (_, arrangement)) in years {
            NaiveDate::from_ymd_opt(year, 1, 1)
                .into_iter()
                .for_each(&mut widen);
            NaiveDate::from_ymd_opt(year, 12, 31)
                .into_iter()
                .for_each(&mut widen);
            for range in &arrangement.holidays {
                widen(range.from);
                widen(range.to);
            }
            arrangement.workdays.iter().copied().for_each(&mut widen);
        }
        let Some((first, last)) = bounds else {
            return Table::empty();
        };
        let first = NaiveDate::from_ymd_opt(first.year(), 1, 1).unwrap_or(first);
        let last = NaiveDate::from_ymd_opt(last.year(), 12, 31).unwrap_or(last);
        let start = day_no(first);

        let mut cells: Vec<Cell> = first
            .iter_days()
            .take_while(|d| *d <= last)
            .map(|d| {
                let source = years.get(&d.year()).map_or(DaySource::Unknown, |(s, _)| *s);
                Cell::weekday_only(day_no(d), source)
            })
            .collect();

        let mut ranges = Vec::new();
        for (source, arrangement) in years.values() {
            for range in &arrangement.holidays {
                let index = u16::try_from(ranges.len()).unwrap_or(NO_RANGE);
                let to = day_no(range.to);
                for day in day_no(range.from)..=to {
                    if let Some(cell) = cells.get_mut(offset(day, start)) {
                        *cell = Cell {
                            kind: CellKind::Holiday,
                            source: *source,
                            range: index,
                        };
                    }
                }
                ranges.push(Range {
                    name: range.name.trim().to_string(),
                    to,
                });
            }
            for &day in &arrangement.workdays {
                if let Some(cell) = cells.get_mut(offset(day_no(day), start)) {
                    *cell = Cell {
                        kind: CellKind::MakeUp,
                        source: *source,
                        range: NO_RANGE,
                    };
                }
            }
        }
        derive_make_up_holidays(&mut cells);

        let mut unknown_before = Vec::with_capacity(cells.len() + 1);
        let mut unknown = 0u32;
        unknown_before.push(unknown);
        for cell in &cells {
            unknown += u32::from(cell.source == DaySource::Unknown);
            unknown_before.push(unknown);
        }
        Table {
            start,
            counting: Prefix::build(&cells, MakeUpDays::CountAsWorking),
            resting: Prefix::build(&cells, MakeUpDays::TreatAsRest),
            cells,
            ranges,
            years: years.iter().map(|(&y, (source, _))| (y, *source)).collect(),
            unknown_before,
        }
    }

    /// A table that knows no year: every day is judged by weekends only.
    pub fn empty() -> Table {
        Table {
            start: 0,
            cells: Vec::new(),
            ranges: Vec::new(),
            years: BTreeMap::new(),
            counting: Prefix::build(&[], MakeUpDays::CountAsWorking),
            resting: Prefix::build(&[], MakeUpDays::TreatAsRest),
            unknown_before: vec![0],
        }
    }

    pub fn years(&self) -> &BTreeMap<i32, DaySource> {
        &self.years
    }

    /// The day after the table's last day.
    fn end(&self) -> DayNo {
        self.start + i64::try_from(self.cells.len()).unwrap_or(0)
    }

    fn prefix(&self, make_up: MakeUpDays) -> &Prefix {
        match make_up {
            MakeUpDays::CountAsWorking => &self.counting,
            MakeUpDays::TreatAsRest => &self.resting,
        }
    }

    pub fn cell(&self, day: DayNo) -> Cell {
        if day >= self.start
            && let Some(cell) = self.cells.get(offset(day, self.start))
        {
            return *cell;
        }
        Cell::weekday_only(day, DaySource::Unknown)
    }

    /// The name of the holiday a holiday cell belongs to, or the one a make-up day was derived
    /// to belong to.
    pub fn range_name(&self, cell: Cell) -> Option<&str> {
        self.ranges
            .get(usize::from(cell.range))
            .map(|r| r.name.as_str())
    }

    /// The last day of the holiday block containing `day` (adjacent ranges run together).
    pub fn holiday_block_end(&self, day: DayNo) -> Option<DayNo> {
        let mut cell = self.cell(day);
        if cell.kind != CellKind::Holiday {
            return None;
        }
        let mut end = day;
        while cell.kind == CellKind::Holiday {
            end = self
                .ranges
                .get(usize::from(cell.range))
                .map_or(end, |r| r.to.max(end));
            cell = self.cell(end + 1);
        }
        Some(end)
    }

    pub fn is_working(&self, day: DayNo, make_up: MakeUpDays) -> bool {
        self.cell(day).is_working(make_up)
    }

    /// Working days in `[table start, day)`; negative before the table. Monotone in `day`.
    pub fn working_index(&self, day: DayNo, make_up: MakeUpDays) -> i64 {
        let prefix = self.prefix(make_up);
        if day < self.start {
            weekdays_before(day) - weekdays_before(self.start)
        } else if day <= self.end() {
            i64::from(
                prefix
                    .before
                    .get(offset(day, self.start))
                    .copied()
                    .unwrap_or(0),
            )
        } else {
            prefix.total() + weekdays_before(day) - weekdays_before(self.end())
        }
    }

    /// The working day whose [`Table::working_index`] is `k`.
    pub fn working_day_at(&self, k: i64, make_up: MakeUpDays) -> DayNo {
        let prefix = self.prefix(make_up);
        let total = prefix.total();
        if k < 0 {
            weekday_with_count(k + weekdays_before(self.start))
        } else if k < total {
            let cell = usize::try_from(k)
                .ok()
                .and_then(|k| prefix.nth.get(k))
                .copied();
            self.start + i64::from(cell.unwrap_or(0))
        } else {
            weekday_with_count(k - total + weekdays_before(self.end()))
        }
    }

    /// How many days in `[first, last]` have no known arrangement.
    pub fn unknown_days(&self, first: DayNo, last: DayNo) -> i64 {
        if last < first {
            return 0;
        }
        let inside_first = first.clamp(self.start, self.end());
        let inside_end = (last + 1).clamp(self.start, self.end());
        let at = |day: DayNo| {
            i64::from(
                self.unknown_before
                    .get(offset(day, self.start))
                    .copied()
                    .unwrap_or(0),
            )
        };
        let outside = (last + 1 - first) - (inside_end - inside_first);
        outside + at(inside_end) - at(inside_first)
    }
}

fn offset(day: DayNo, start: DayNo) -> usize {
    usize::try_from(day - start).unwrap_or(usize::MAX)
}

/// A make-up day belongs to a holiday when it touches that holiday's range directly or through
/// other make-up days (2022-01-29 and -30 before 春节 on 01-31). A make-up day touching no range,
/// or touching two different ones, is left without a holiday: guessing by distance would name the
/// wrong holiday (2026-09-20 is nearer 中秋节 but was arranged for 国庆节).
fn derive_make_up_holidays(cells: &mut [Cell]) {
    for i in 0..cells.len() {
        if cells[i].kind != CellKind::MakeUp {
            continue;
        }
        let neighbour =
            |c: Option<&Cell>| c.filter(|c| c.kind == CellKind::Holiday).map(|c| c.range);
        let after = neighbour(cells[i..].iter().find(|c| c.kind != CellKind::MakeUp));
        let before = neighbour(cells[..i].iter().rev().find(|c| c.kind != CellKind::MakeUp));
        cells[i].range = match (before, after) {
            (Some(a), Some(b)) if a != b => NO_RANGE,
            (Some(r), _) | (_, Some(r)) => r,
            (None, None) => NO_RANGE,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_agree_with_chrono_weekdays() {
        let first = NaiveDate::from_ymd_opt(1899, 12, 1).unwrap_or_default();
        for date in first.iter_days().take(4000) {
            let expected = date.weekday().num_days_from_monday();
            assert_eq!(weekday_no(day_no(date)), i64::from(expected), "{date}");
        }
    }

    #[test]
    fn weekday_count_inverse_returns_the_weekday_with_that_count() {
        for count in -50..50 {
            let day = weekday_with_count(count);
            assert!(!is_weekend(day));
            assert_eq!(weekdays_before(day), count);
            assert_eq!(weekdays_before(day + 1), count + 1);
        }
    }
}
