//! Results as a text table for people.
//!
//! Takes the variables and rows of a SELECT result and writes aligned
//! columns (laid out by the `tabled` crate): a header, a rule under each
//! column, the rows, and a count. Given a width (the terminal's), the table
//! fits it: long cells are cut with `…`, or wrapped within their column when
//! [`Overflow::Wrap`] asks for whole cells; the widest columns give way
//! first. Without a width the table is as wide as its cells, as it is when
//! written to a file or a pipe. Colour is only ever added on request.

use std::io::Write;

use oxigraph::model::Term;
use oxigraph::sparql::Variable;
use tabled::builder::Builder;
use tabled::grid::config::{Offset, Position};
use tabled::settings::object::{Columns, Rows, Segment};
use tabled::settings::peaker::PriorityMax;
use tabled::settings::style::{HorizontalLine, Style};
use tabled::settings::{Color, Format, Padding, Width};

/// What a cell too long for its column becomes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Overflow {
    /// Cut, ending in `…`: one line per row.
    #[default]
    Cut,
    /// Wrapped within its column, so that every cell is shown whole.
    Wrap,
}

/// How a results table is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableLayout {
    /// Most rows printed; a note says how many more there were.
    pub max_rows: usize,
    /// The width to fit, in terminal columns; `None` for a table as wide as
    /// its cells.
    pub width: Option<usize>,
    /// What long cells become when the table is fitted to a width.
    pub overflow: Overflow,
    /// Bold header and dim rule and notes (ANSI escapes), for a terminal.
    pub colour: bool,
}

impl Default for TableLayout {
    /// As wide as the cells, no colour, at most 1,000 rows.
    fn default() -> Self {
        Self { max_rows: 1000, width: None, overflow: Overflow::Cut, colour: false }
    }
}

/// The gap between two columns.
const GAP: usize = 2;

/// Writes the rows as a table, then a note on the rows left out, if any, and
/// the count of rows.
pub fn write(
    out: &mut impl Write,
    variables: &[Variable],
    rows: &[Vec<Option<Term>>],
    layout: &TableLayout,
) -> std::io::Result<()> {
    let shown = &rows[..rows.len().min(layout.max_rows)];
    let mut builder = Builder::with_capacity(shown.len() + 1, variables.len());
    builder.push_record(variables.iter().map(Variable::as_str));
    for row in shown {
        builder.push_record(
            row.iter().map(|t| t.as_ref().map(|t| cell_text(&super::display_term(t))).unwrap_or_default()),
        );
    }
    let mut table = builder.build();
    // Columns are separated by a space of padding and a blank vertical line;
    // the rule under the header is broken at the padding, so that each
    // column's rule is as wide as the column.
    table.with(Style::empty().vertical(' ').horizontals([(1, HorizontalLine::new('─').intersection(' '))]));
    table.with(Padding::zero());
    if variables.len() > 1 {
        table.modify(Columns::new(..variables.len() - 1), Padding::new(0, GAP - 1, 0, 0));
        // Set on the configuration, not on row 1's cells, so that it holds
        // when there is no row 1 and the rule is the table's last line.
        for column in 0..variables.len() - 1 {
            table.get_config_mut().set_horizontal_char(Position::new(1, column), Offset::End(0), ' ');
        }
    }
    if let Some(width) = layout.width {
        match layout.overflow {
            Overflow::Cut => table.with(Width::truncate(width).suffix("…").priority(PriorityMax::right())),
            Overflow::Wrap => table
                .with(Width::wrap(width).keep_words(true).priority(PriorityMax::right()))
                // The wrap keeps the space between two words at the start of
                // the second line; a reader expects it at neither end.
                .modify(Segment::all(), Format::content(|cell| cell.replace("\n ", "\n"))),
        };
    }
    if layout.colour {
        table.modify(Rows::first(), Color::BOLD);
    }
    for line in table.to_string().lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    let dim = |text: String| if layout.colour { format!("\u{1b}[2m{text}\u{1b}[22m") } else { text };
    if rows.len() > shown.len() {
        writeln!(
            out,
            "{}",
            dim(format!("… {} more rows not shown (use --format csv for all)", rows.len() - shown.len()))
        )?;
    }
    writeln!(out, "{}", dim(format!("({} row{})", rows.len(), if rows.len() == 1 { "" } else { "s" })))
}

/// A value as one line of printable text: line breaks and tabs become
/// spaces, and other control characters (an escape sequence in the data
/// would drive the terminal) become U+FFFD.
fn cell_text(value: &str) -> String {
    value
        .chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use oxigraph::model::Literal;

    use super::*;

    fn render(layout: TableLayout) -> String {
        let variables = [Variable::new_unchecked("name"), Variable::new_unchecked("said")];
        let row = |a: &str, b: Option<&str>| vec![Some(Literal::from(a).into()), b.map(|b| Literal::from(b).into())];
        let rows = [
            row("Natalya Timakova", Some("No such meeting is planned for the trip")),
            row("a police source", None),
            row("x\u{1b}[31my", Some("one\nline")),
        ];
        let mut out = Vec::new();
        write(&mut out, &variables, &rows, &layout).expect("write");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn tables_fit_the_width_they_are_given() {
        let whole = "name              said\n\
                     ────────────────  ───────────────────────────────────────\n\
                     Natalya Timakova  No such meeting is planned for the trip\n\
                     a police source\n\
                     x\u{fffd}[31my           one line\n\
                     (3 rows)\n";
        assert_eq!(render(TableLayout::default()), whole);
        // (width, overflow, a cut mark expected)
        let table = [
            (30, Overflow::Cut, true),
            (30, Overflow::Wrap, false),
            (12, Overflow::Cut, true),
            (100, Overflow::Cut, false),
        ];
        for (width, overflow, cut) in table {
            let text = render(TableLayout { width: Some(width), overflow, ..TableLayout::default() });
            assert!(text.lines().all(|l| l.chars().count() <= width), "{width} {overflow:?}:\n{text}");
            assert_eq!(text.contains('…'), cut, "{width} {overflow:?}:\n{text}");
            assert!(text.ends_with("(3 rows)\n"), "{text}");
            if overflow == Overflow::Wrap {
                let words: Vec<&str> = text.split_whitespace().collect();
                for word in ["Timakova", "meeting", "planned", "trip"] {
                    assert!(words.contains(&word), "{word} is not whole in\n{text}");
                }
            }
        }
        assert_eq!(render(TableLayout { width: Some(100), ..TableLayout::default() }), whole);
    }

    #[test]
    fn colour_marks_the_header_and_the_notes_only() {
        let text = render(TableLayout { colour: true, ..TableLayout::default() });
        assert!(text.starts_with("\u{1b}[1mname"), "{text}");
        assert!(text.ends_with("\u{1b}[2m(3 rows)\u{1b}[22m\n"), "{text}");
        assert!(!text.contains("\u{1b}[31m"), "an escape from the data reached the terminal: {text}");
    }

    #[test]
    fn the_note_counts_the_rows_left_out() {
        let text = render(TableLayout { max_rows: 1, ..TableLayout::default() });
        assert!(text.ends_with("… 2 more rows not shown (use --format csv for all)\n(3 rows)\n"), "{text}");
    }
}
