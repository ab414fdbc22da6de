//! Parameters of a query, applied to its parsed algebra.
//!
//! A parameter `NAME=VALUE` stands for the term VALUE wherever the query
//! names `?NAME`, subqueries included, as if the term had been written there:
//! the query is rewritten before it is planned, so the optimizer sees the
//! constant and a bundled query's cost follows its parameter. Where the query
//! itself assigns the variable (`BIND(… AS ?x)`, `VALUES ?x`), the assignment
//! becomes a condition that it gives the term. A projected variable keeps its
//! column, holding the term.
//!
//! A query whose header declares a page size (`# limit: 100`) is paged:
//! `limit=N` (or `limit=all`) and `offset=M` set its outermost `LIMIT` and
//! `OFFSET`, and every `LIMIT` nested inside it becomes `M + N`. Those inner
//! slices pick the candidates of the page (dates, articles), each of which
//! gives at least one row, so `M + N` of them are enough for rows `M` to
//! `M + N`, and a first page costs what it shows, not what the corpus holds.

use oxigraph::model::{Literal, NamedNode, Term, Variable};
use spargebra::Query;
use spargebra::algebra::{AggregateExpression, Expression, GraphPattern, OrderExpression};
use spargebra::term::{GroundTerm, NamedNodePattern, TermPattern, TriplePattern};

use super::QueryError;

/// The page asked for: rows `offset` to `offset + limit` (all after
/// `offset` when `limit` is `None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// Rows skipped.
    pub offset: usize,
    /// Rows at most, or all.
    pub limit: Option<usize>,
}

/// Parameters: variables and the terms bound to them.
pub type Params = Vec<(Variable, Term)>;

/// The page size a query's header declares (`# limit: 100`), if it is paged.
pub fn declared_page_size(text: &str) -> Option<usize> {
    text.lines()
        .take_while(|l| l.starts_with('#'))
        .find_map(|l| l.trim_start_matches('#').trim().strip_prefix("limit:")?.trim().parse().ok())
}

/// Splits the paging parameters (`limit`, `offset`) of a paged query from
/// the others, checking their values.
pub fn page(text: &str, params: &[(Variable, Term)]) -> Result<(Option<Page>, Params), QueryError> {
    let Some(size) = declared_page_size(text) else {
        return Ok((None, params.to_vec()));
    };
    let mut page = Page { offset: 0, limit: Some(size) };
    let mut rest = Vec::new();
    for (variable, term) in params {
        let value = match term {
            Term::Literal(l) => l.value(),
            _ => "",
        };
        let bad = |reason: &str| QueryError::BadParam {
            param: format!("{}={}", variable.as_str(), super::display_term(term)),
            reason: reason.to_owned(),
            place: None,
        };
        match variable.as_str() {
            "limit" if value == "all" => page.limit = None,
            "limit" => {
                page.limit = Some(
                    value
                        .parse()
                        .ok()
                        .filter(|n| *n > 0)
                        .ok_or_else(|| bad("the limit is a positive number or `all`"))?,
                );
            }
            "offset" => page.offset = value.parse().map_err(|_| bad("the offset is a number of rows, 0 or more"))?,
            _ => rest.push((variable.clone(), term.clone())),
        }
    }
    Ok((Some(page), rest))
}

/// Binds each parameter in the query and sets its page.
pub fn apply(query: &mut Query, params: &[(Variable, Term)], page: Option<Page>) -> Result<(), QueryError> {
    for (variable, term) in params {
        let value = match term {
            Term::NamedNode(n) => Value::Iri(n.clone()),
            Term::Literal(l) => Value::Literal(l.clone()),
            _ => {
                return Err(QueryError::BadParam {
                    param: format!("{}=…", variable.as_str()),
                    reason: "only an IRI or a literal can be bound".to_owned(),
                    place: None,
                });
            }
        };
        let mut substitution = Substitution { variable, value: &value, found: false };
        match query {
            Query::Select { pattern, .. } | Query::Describe { pattern, .. } | Query::Ask { pattern, .. } => {
                substitution.pattern(pattern);
            }
            Query::Construct { template, pattern, .. } => {
                substitution.pattern(pattern);
                // A template triple that cannot be written is left out.
                template.retain_mut(|triple| substitution.triple(triple));
            }
        }
        if !substitution.found {
            return Err(QueryError::BadParam {
                param: format!("{}=…", variable.as_str()),
                reason: format!("the query has no variable ?{}", variable.as_str()),
                place: None,
            });
        }
    }
    if let Some(page) = page {
        let (Query::Select { pattern, .. } | Query::Construct { pattern, .. } | Query::Describe { pattern, .. }) =
            query
        else {
            return Ok(());
        };
        match pattern {
            GraphPattern::Slice { start, length, inner } => {
                (*start, *length) = (page.offset, page.limit);
                set_inner_slices(inner, page.limit.map(|l| l + page.offset));
            }
            other => {
                set_inner_slices(other, page.limit.map(|l| l + page.offset));
                let inner = Box::new(std::mem::replace(other, empty()));
                *other = GraphPattern::Slice { inner, start: page.offset, length: page.limit };
            }
        }
    }
    Ok(())
}

/// A pattern with no solution.
fn empty() -> GraphPattern {
    GraphPattern::Values { variables: Vec::new(), bindings: Vec::new() }
}

fn set_inner_slices(pattern: &mut GraphPattern, length: Option<usize>) {
    if let GraphPattern::Slice { start, length: l, .. } = pattern {
        (*start, *l) = (0, length);
    }
    for child in children(pattern) {
        set_inner_slices(child, length);
    }
}

/// The graph patterns directly inside a pattern (not those of expressions).
fn children(pattern: &mut GraphPattern) -> Vec<&mut GraphPattern> {
    match pattern {
        GraphPattern::Bgp { .. } | GraphPattern::Path { .. } | GraphPattern::Values { .. } => Vec::new(),
        GraphPattern::Join { left, right }
        | GraphPattern::LeftJoin { left, right, .. }
        | GraphPattern::Lateral { left, right }
        | GraphPattern::Union { left, right }
        | GraphPattern::Minus { left, right } => vec![left, right],
        GraphPattern::Filter { inner, .. }
        | GraphPattern::Graph { inner, .. }
        | GraphPattern::Extend { inner, .. }
        | GraphPattern::OrderBy { inner, .. }
        | GraphPattern::Project { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Slice { inner, .. }
        | GraphPattern::Group { inner, .. }
        | GraphPattern::Service { inner, .. } => vec![inner],
    }
}

/// A parameter's value: what a `--param` may bind.
enum Value {
    Iri(NamedNode),
    Literal(Literal),
}

impl Value {
    fn term_pattern(&self) -> TermPattern {
        match self {
            Self::Iri(n) => TermPattern::NamedNode(n.clone()),
            Self::Literal(l) => TermPattern::Literal(l.clone()),
        }
    }

    fn expression(&self) -> Expression {
        match self {
            Self::Iri(n) => Expression::NamedNode(n.clone()),
            Self::Literal(l) => Expression::Literal(l.clone()),
        }
    }

    fn is(&self, term: &GroundTerm) -> bool {
        match (self, term) {
            (Self::Iri(a), GroundTerm::NamedNode(b)) => a == b,
            (Self::Literal(a), GroundTerm::Literal(b)) => a == b,
            _ => false,
        }
    }
}

/// Replaces one variable by a term throughout a query.
struct Substitution<'a> {
    variable: &'a Variable,
    value: &'a Value,
    found: bool,
}

impl Substitution<'_> {
    fn is_it(&mut self, variable: &Variable) -> bool {
        let it = variable == self.variable;
        self.found |= it;
        it
    }

    /// Substitutes in a term pattern; false when nothing can match it any
    /// more (a literal as the predicate of a triple term).
    fn term(&mut self, term: &mut TermPattern) -> bool {
        match term {
            TermPattern::Variable(v) if self.is_it(v) => {
                *term = self.value.term_pattern();
                true
            }
            TermPattern::Triple(triple) => self.triple(triple),
            _ => true,
        }
    }

    /// Substitutes in a triple pattern; false when the term cannot stand in
    /// its predicate position (a literal), so that nothing can match.
    fn triple(&mut self, triple: &mut TriplePattern) -> bool {
        let subject = self.term(&mut triple.subject);
        let object = self.term(&mut triple.object);
        self.named_node(&mut triple.predicate) && subject && object
    }

    /// False when the variable is bound to a literal where only an IRI fits.
    fn named_node(&mut self, pattern: &mut NamedNodePattern) -> bool {
        match pattern {
            NamedNodePattern::Variable(v) if self.is_it(v) => match self.value {
                Value::Iri(n) => {
                    *pattern = NamedNodePattern::NamedNode(n.clone());
                    true
                }
                Value::Literal(_) => false,
            },
            _ => true,
        }
    }

    fn expression(&mut self, expression: &mut Expression) {
        match expression {
            Expression::Variable(v) if self.is_it(v) => *expression = self.value.expression(),
            Expression::Bound(v) if self.is_it(v) => *expression = Expression::Literal(true.into()),
            Expression::NamedNode(_) | Expression::Literal(_) | Expression::Variable(_) | Expression::Bound(_) => {}
            Expression::Or(a, b)
            | Expression::And(a, b)
            | Expression::Equal(a, b)
            | Expression::SameTerm(a, b)
            | Expression::Greater(a, b)
            | Expression::GreaterOrEqual(a, b)
            | Expression::Less(a, b)
            | Expression::LessOrEqual(a, b)
            | Expression::Add(a, b)
            | Expression::Subtract(a, b)
            | Expression::Multiply(a, b)
            | Expression::Divide(a, b) => {
                self.expression(a);
                self.expression(b);
            }
            Expression::UnaryPlus(a) | Expression::UnaryMinus(a) | Expression::Not(a) => self.expression(a),
            Expression::In(a, list) => {
                self.expression(a);
                list.iter_mut().for_each(|e| self.expression(e));
            }
            Expression::Exists(pattern) => self.pattern(pattern),
            Expression::If(a, b, c) => {
                self.expression(a);
                self.expression(b);
                self.expression(c);
            }
            Expression::Coalesce(list) | Expression::FunctionCall(_, list) => {
                list.iter_mut().for_each(|e| self.expression(e));
            }
        }
    }

    /// `expression` gives the parameter's term (or fails, which leaves the
    /// variable unbound, hence compatible with any term).
    fn gives_the_term(&self, expression: Expression) -> Expression {
        let same = Expression::SameTerm(Box::new(expression), Box::new(self.value.expression()));
        Expression::Coalesce(vec![same, Expression::Literal(true.into())])
    }

    fn pattern(&mut self, pattern: &mut GraphPattern) {
        match pattern {
            GraphPattern::Bgp { patterns } => {
                let mut possible = true;
                for triple in patterns.iter_mut() {
                    possible &= self.triple(triple);
                }
                if !possible {
                    *pattern = empty();
                }
            }
            // A path holds IRIs only: its ends are what a variable can be.
            GraphPattern::Path { subject, object, .. } => {
                if !(self.term(subject) & self.term(object)) {
                    *pattern = empty();
                }
            }
            GraphPattern::LeftJoin { left, right, expression } => {
                self.pattern(left);
                self.pattern(right);
                if let Some(e) = expression {
                    self.expression(e);
                }
            }
            GraphPattern::Filter { expr, inner } => {
                self.expression(expr);
                self.pattern(inner);
            }
            GraphPattern::Graph { name, inner } => {
                if self.named_node(name) {
                    self.pattern(inner);
                } else {
                    *pattern = empty();
                }
            }
            GraphPattern::Service { name, inner, .. } => {
                if self.named_node(name) {
                    self.pattern(inner);
                } else {
                    *pattern = empty();
                }
            }
            GraphPattern::Extend { inner, variable, expression } => {
                self.pattern(inner);
                self.expression(expression);
                if self.is_it(variable) {
                    // BIND(e AS ?x) with ?x given: keep the rows where e gives it.
                    let condition = self.gives_the_term(expression.clone());
                    let inner = std::mem::replace(inner, Box::new(empty()));
                    *pattern = GraphPattern::Filter { expr: condition, inner };
                }
            }
            GraphPattern::Values { variables, bindings } => {
                if let Some(column) = variables.iter().position(|v| v == self.variable) {
                    self.found = true;
                    variables.remove(column);
                    bindings.retain_mut(|row| {
                        let keep = row[column].as_ref().is_none_or(|t| self.value.is(t));
                        row.remove(column);
                        keep
                    });
                }
            }
            GraphPattern::OrderBy { inner, expression } => {
                self.pattern(inner);
                for order in expression {
                    match order {
                        OrderExpression::Asc(e) | OrderExpression::Desc(e) => self.expression(e),
                    }
                }
            }
            GraphPattern::Project { inner, variables } => {
                self.pattern(inner);
                if variables.contains(self.variable) {
                    self.found = true;
                    // The column stays, holding the term.
                    let inner_pattern = std::mem::replace(inner, Box::new(empty()));
                    **inner = GraphPattern::Extend {
                        inner: inner_pattern,
                        variable: self.variable.clone(),
                        expression: self.value.expression(),
                    };
                }
            }
            GraphPattern::Group { inner, variables, aggregates } => {
                self.pattern(inner);
                for (_, aggregate) in aggregates.iter_mut() {
                    if let AggregateExpression::FunctionCall { expr, .. } = aggregate {
                        self.expression(expr);
                    }
                }
                let assigned = aggregates.iter().any(|(v, _)| v == self.variable);
                if let Some(position) = variables.iter().position(|v| v == self.variable) {
                    self.found = true;
                    variables.remove(position);
                    let group = std::mem::replace(pattern, empty());
                    *pattern = GraphPattern::Extend {
                        inner: Box::new(group),
                        variable: self.variable.clone(),
                        expression: self.value.expression(),
                    };
                } else if assigned {
                    self.found = true;
                    let condition = self.gives_the_term(Expression::Variable(self.variable.clone()));
                    let group = std::mem::replace(pattern, empty());
                    *pattern = GraphPattern::Filter { expr: condition, inner: Box::new(group) };
                }
            }
            GraphPattern::Join { .. }
            | GraphPattern::Lateral { .. }
            | GraphPattern::Union { .. }
            | GraphPattern::Minus { .. }
            | GraphPattern::Distinct { .. }
            | GraphPattern::Reduced { .. }
            | GraphPattern::Slice { .. } => {
                for child in children(pattern) {
                    self.pattern(child);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parameters as a test gives them: names and terms.
    type Given<'a> = &'a [(&'a str, Term)];

    fn rewrite(query: &str, params: Given<'_>) -> Result<String, String> {
        let mut parsed = spargebra::SparqlParser::new().parse_query(query).map_err(|e| e.to_string())?;
        let params: Vec<(Variable, Term)> =
            params.iter().map(|(n, t)| (Variable::new_unchecked(*n), t.clone())).collect();
        let (page, params) = page(query, &params).map_err(|e| e.to_string())?;
        apply(&mut parsed, &params, page).map_err(|e| e.to_string())?;
        Ok(parsed.to_sse())
    }

    fn iri(s: &str) -> Term {
        NamedNode::new_unchecked(s).into()
    }

    fn lit(s: &str) -> Term {
        Literal::new_simple_literal(s).into()
    }

    /// Each case: a query, its parameters, and the fragments of the
    /// rewritten algebra (SPARQL S-expressions) or of the error.
    #[test]
    fn parameters_stand_for_their_terms_everywhere() {
        let e = iri("http://e.org/x");
        type Expected<'a> = Result<&'a [&'a str], &'a str>;
        let table: &[(&str, Given, Expected)] = &[
            // In the pattern, and the projected column keeps the term.
            (
                "SELECT ?s WHERE { ?s <http://p> ?o }",
                &[("s", e.clone())],
                Ok(&["(project (?s) (extend ((?s <http://e.org/x>)) (bgp (triple <http://e.org/x> <http://p> ?o))))"]),
            ),
            // Inside a subquery that does not project it, and in BOUND.
            (
                "SELECT ?n WHERE { { SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(BOUND(?s)) } } }",
                &[("s", e.clone())],
                Ok(&[
                    "(filter \"true\"^^<http://www.w3.org/2001/XMLSchema#boolean> (bgp (triple <http://e.org/x> ?p ?o)))",
                ]),
            ),
            // A literal where only an IRI fits: nothing matches.
            ("SELECT ?o WHERE { ?s ?p ?o }", &[("p", lit("x"))], Ok(&["(project (?o) (table (vars)))"])),
            // VALUES keeps the rows that agree, and those that leave it undefined.
            (
                "SELECT ?a WHERE { VALUES (?a ?b) { (1 \"x\") (2 \"y\") (3 UNDEF) } }",
                &[("b", lit("y"))],
                Ok(&["(table (vars ?a) (row (?a \"2\"", "(row (?a \"3\""]),
            ),
            // BIND becomes a condition.
            (
                "SELECT ?o WHERE { ?s ?p ?o BIND(STR(?o) AS ?t) }",
                &[("t", lit("y"))],
                Ok(&["(filter (coalesce (sameTerm ( str ?o) \"y\")"]),
            ),
            // A group key leaves the grouping and keeps its column.
            (
                "SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s",
                &[("s", e.clone())],
                Ok(&["(extend ((?s <http://e.org/x>)) (group ()"]),
            ),
            ("SELECT ?o WHERE { ?s ?p ?o }", &[("nope", lit("y"))], Err("the query has no variable ?nope")),
        ];
        for (query, params, expected) in table {
            match (rewrite(query, params), expected) {
                (Ok(got), Ok(fragments)) => {
                    for fragment in *fragments {
                        assert!(got.contains(fragment), "{query}: {fragment} not in {got}");
                    }
                }
                (Err(got), Err(want)) => assert!(got.contains(want), "{query}: {got}"),
                (got, _) => panic!("{query}: unexpected {got:?}"),
            }
        }
    }

    #[test]
    fn a_paged_query_takes_its_page_and_its_candidates() {
        let query = "# limit: 100\nSELECT ?x WHERE { { SELECT ?x WHERE { ?x ?p ?o } LIMIT 100 } } LIMIT 100";
        let number = |n: &str| Literal::new_simple_literal(n).into();
        let table: &[(Given, Result<&str, &str>)] = &[
            (&[], Ok("(slice 0 100 (project (?x) (slice 0 100 (project (?x) (bgp (triple ?x ?p ?o))))))")),
            (
                &[("limit", number("10")), ("offset", number("20"))],
                Ok("(slice 20 10 (project (?x) (slice 0 30 (project (?x) (bgp (triple ?x ?p ?o))))))"),
            ),
            (
                &[("limit", number("all"))],
                Ok("(slice 0 _ (project (?x) (slice 0 _ (project (?x) (bgp (triple ?x ?p ?o))))))"),
            ),
            (&[("limit", number("0"))], Err("positive number or `all`")),
            (&[("offset", number("-1"))], Err("0 or more")),
        ];
        for (params, expected) in table {
            match (rewrite(query, params), expected) {
                (Ok(got), Ok(want)) => assert_eq!(got, *want, "{params:?}"),
                (Err(got), Err(want)) => assert!(got.contains(want), "{params:?}: {got}"),
                (got, _) => panic!("{params:?}: unexpected {got:?}"),
            }
        }
        // Without a declared page size, `limit` is an ordinary variable.
        assert!(rewrite("SELECT ?x WHERE { ?x ?p ?o }", &[("limit", number("5"))]).is_err());
    }
}
