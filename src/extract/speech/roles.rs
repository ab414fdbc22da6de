//! Speakers named by a role or a description instead of a name. It owns
//! what a speech verb's subject means when it is `the senator`, `the
//! California congressman`, `the former president` or `Obama's campaign
//! strategist`: the one person the article introduced before with that role
//! (`Sen. Ana Ruiz`, `Florida Rep. Tom Hale`, `spokeswoman Ana Ruiz`, `Ana
//! Ruiz, a senator from Oregon,`) whose introduction nothing in the phrase
//! contradicts — another place, party or owner, a former office for a
//! current one, a gendered noun the article's own words rule out. A
//! description with an owner that no named person's role answers (`the
//! mayor's spokeswoman`) is an unnamed source of its own, labelled with the
//! article's words, and `the spokeswoman` after it is that source; a plural
//! demonym (`Mexicans`) is a group. It takes the noun phrase the attribution
//! read and hands on a reference, or nothing when the phrase may mean more
//! than one (the draft then says, commented, that it names nobody).

use std::collections::BTreeSet;

use super::Speech;
use super::coref::Gender;
use crate::annotation::EntityType;
use crate::article::Span;
use crate::extract::Reference;
use crate::extract::lexicon::{
    ABBREVIATED_TITLES, FEMININE_NOUNS, GROUP_HEADS, MASCULINE_NOUNS, is_demonym, is_title, is_title_noun,
};
use crate::extract::tokens::Kind;
use crate::mentions::MentionKind;

/// Titles written abbreviated before a name ("Sen. Ray Moss"), with the
/// role each gives its holder.
const ABBREVIATED_ROLES: &[(&str, &str)] = &[
    ("Sen", "senator"),
    ("Rep", "representative"),
    ("Gov", "governor"),
    ("Gen", "general"),
    ("Lt", "lieutenant"),
    ("Col", "colonel"),
    ("Capt", "captain"),
    ("Sgt", "sergeant"),
    ("Prof", "professor"),
    ("Adm", "admiral"),
];

/// Capitalised words that open a sentence or a phrase without describing
/// anyone ("The Florida senator", "In Ohio, Sen. …").
const NOT_EVIDENCE: &[&str] = &["The", "A", "An", "But", "And", "Or", "In", "On", "At", "For", "As", "Then", "Now"];

/// Heads of descriptions of someone who speaks for an owner ("the
/// mayor's spokeswoman"): an office held to speak in another's name, which
/// the article may leave unnamed.
const SPOKESPEOPLE: &[&str] = &["spokesman", "spokeswoman", "spokesperson"];

/// Words for kin that name a group by whose it is ("Ruiz's family").
const KIN_GROUPS: &[&str] = &["family", "relatives", "parents", "children", "siblings"];

/// Plural heads that stand for organisations taken together ("the groups").
const COLLECTIVE_HEADS: &[&str] = &["groups", "organizations", "organisations"];

/// Words that count the members of a group ("Eleven … organizations").
const COUNTS: &[&str] = &[
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
    "fifteen", "twenty", "dozen", "dozens", "several",
];

/// Quantifiers before a plural demonym ("many Mexicans").
const QUANTIFIERS: &[&str] = &["many", "most", "some", "few", "several", "ordinary"];

/// The role a noun of office names: one role for the words news prose uses
/// for it in turn ("Rep. Ruiz" … "the congresswoman").
fn role_of(head: &str) -> &str {
    match head {
        "sen" => "senator",
        "rep" | "congressman" | "congresswoman" | "congressperson" => "representative",
        "gov" => "governor",
        other => other,
    }
}

/// Whether a word says that an office is a past one ("former",
/// "ex-senator").
fn is_former(lower: &str) -> bool {
    matches!(lower, "former" | "ex") || lower.starts_with("ex-")
}

/// A description read as a role: `the [owner's] [modifiers] head`.
struct RolePhrase {
    /// The head noun, lower-cased ("congressman").
    head: String,
    /// The capitalised words that say whose, where or which party
    /// ("California", "Obama", "Republican"), titles left out.
    marks: BTreeSet<String>,
    /// Whether the phrase says the office is a past one ("former").
    former: bool,
    /// The owner's words, when the phrase has one ("the mayor's spokeswoman").
    owner: Option<String>,
}

/// Someone the article introduced with a role: who, the name's span, the
/// introduction's span.
struct Introduction {
    holder: String,
    name: Span,
    intro: Span,
}

impl Speech<'_, '_> {
    /// What a description that is no name refers to (see the module
    /// comment); `a..b` is the phrase.
    pub(super) fn role_description(&mut self, a: usize, b: usize) -> Option<Reference> {
        if let Some(found) =
            self.plural_demonym(a, b).or_else(|| self.owned_group(a, b)).or_else(|| self.counted_groups(a, b))
        {
            return Some(found);
        }
        let phrase = self.read_role_phrase(a, b)?;
        let span = self.span_of(a, b);
        let role = role_of(&phrase.head).to_owned();
        let introduced: Vec<Introduction> =
            self.role_introductions(&role).into_iter().filter(|i| i.intro.end <= span.begin).collect();
        if introduced.is_empty() {
            return self.described_source(&phrase, a, b);
        }
        let fitting: BTreeSet<&str> =
            introduced.iter().filter(|i| self.fits(&phrase, i)).map(|i| i.holder.as_str()).collect();
        let [only] = fitting.into_iter().collect::<Vec<_>>()[..] else { return None };
        let name = introduced.iter().rev().find(|i| i.holder == only)?.name;
        let entity = only.to_owned();
        self.registry.role(&entity, &self.text(span), span);
        Some(Reference {
            entity,
            span: name,
            cue: format!(
                "{:?}: the only {role} the article introduced before it whom nothing in the phrase rules out",
                self.text(span)
            ),
        })
    }

    /// Reads `a..b` as `the [owner's] [modifiers] head` or `Owner's
    /// [modifiers] head`, the head a noun of office.
    fn read_role_phrase(&self, a: usize, b: usize) -> Option<RolePhrase> {
        if b < a + 2 || b - a > 7 {
            return None;
        }
        let head = self.lower(b - 1);
        if !is_title_noun(&head) || !(a..b).all(|i| matches!(self.tokens[i].kind, Kind::Word | Kind::Possessive)) {
            return None;
        }
        let determiner = self.is_word(a, &["the"]);
        let possessive = (a + 1..b - 1).rev().find(|&i| self.tokens[i].kind == Kind::Possessive);
        let owner_start = if determiner { a + 1 } else { a };
        if !determiner && possessive.is_none_or(|p| !(a..p).all(|i| self.tokens[i].is_capitalised())) {
            return None;
        }
        let owner = possessive.filter(|&p| p > owner_start).map(|p| self.text(self.span_of(owner_start, p)));
        let mut marks = BTreeSet::new();
        let mut former = false;
        for i in owner_start..b - 1 {
            let t = &self.tokens[i];
            if t.kind != Kind::Word {
                continue;
            }
            if is_former(&t.lower()) {
                former = true;
            } else if t.is_capitalised() && !is_title(t.text) && !is_title_noun(t.text) {
                marks.insert(t.text.to_owned());
            }
        }
        Some(RolePhrase { head, marks, former, owner })
    }

    /// Whether the person of `intro` may be the one the phrase means:
    /// the same office then and now, a place, party or owner of the
    /// introduction among the phrase's own when both give one, not the
    /// owner itself, and a gendered head that the article's own words about
    /// the person allow.
    fn fits(&self, phrase: &RolePhrase, intro: &Introduction) -> bool {
        let (evidence, was_former) = self.intro_evidence(intro);
        let gender_agrees = match self.gender.get(&intro.holder) {
            Some(Gender::Feminine) => !MASCULINE_NOUNS.contains(&phrase.head.as_str()),
            Some(Gender::Masculine) => !FEMININE_NOUNS.contains(&phrase.head.as_str()),
            None => true,
        };
        let marks_agree = evidence.is_empty() || phrase.marks.is_empty() || !evidence.is_disjoint(&phrase.marks);
        let not_owner = phrase.owner.as_ref().is_none_or(|owner| !self.text(intro.name).contains(owner.as_str()));
        gender_agrees && marks_agree && not_owner && was_former == phrase.former
    }

    /// The capitalised words an introduction gives besides the name and the
    /// title words ("Florida" in "Florida Rep. Tom Hale"), and whether it
    /// says the office is a past one.
    fn intro_evidence(&self, intro: &Introduction) -> (BTreeSet<String>, bool) {
        let mut evidence = BTreeSet::new();
        let mut former = false;
        let (Some(&first), Some(&last)) =
            (self.token_at.get(&intro.intro.begin), self.token_ending.get(&intro.intro.end))
        else {
            return (evidence, former);
        };
        for i in first..=last {
            let t = &self.tokens[i];
            if intro.name.contains(t.span) || t.kind != Kind::Word {
                continue;
            }
            if is_former(&t.lower()) {
                former = true;
            } else if t.is_capitalised()
                && !is_title(t.text)
                && !is_title_noun(t.text)
                && !ABBREVIATED_TITLES.contains(&t.text)
                && !NOT_EVIDENCE.contains(&t.text)
            {
                evidence.insert(t.text.to_owned());
            }
        }
        (evidence, former)
    }

    /// Who the article introduces with `role`, in text order, from the
    /// titles found before and beside names and from abbreviated titles
    /// with the capitalised words before them ("Florida Rep. Tom Hale").
    fn role_introductions(&self, role: &str) -> Vec<Introduction> {
        let mut found: Vec<Introduction> = self
            .titles
            .iter()
            .filter(|t| role_of(&t.head) == role)
            .map(|t| Introduction { holder: t.holder.clone(), name: t.name, intro: t.span })
            .collect();
        for m in self.mentions.iter().filter(|m| m.kind == MentionKind::Name) {
            let Some(&first) = self.token_at.get(&m.span.begin) else { continue };
            if first < 2 || !self.tokens[first - 1].is_punct('.') || self.kind_of(&m.entity) != Some(EntityType::Person)
            {
                continue;
            }
            let title = first - 2;
            if !ABBREVIATED_ROLES.iter().any(|(abbreviation, r)| *r == role && self.tokens[title].text == *abbreviation)
            {
                continue;
            }
            let sentence = self.tokens[title].sentence;
            let mut begin = title;
            while begin > 0
                && self.tokens[begin - 1].sentence == sentence
                && (self.tokens[begin - 1].is_capitalised() || is_former(&self.lower(begin - 1)))
            {
                begin -= 1;
            }
            let intro = Span { begin: self.tokens[begin].span.begin, end: m.span.end };
            found.push(Introduction { holder: m.entity.clone(), name: m.span, intro });
        }
        found.sort_by_key(|i| (i.intro.begin, i.intro.end));
        found
    }

    /// A description of a spokesperson with an owner ("the mayor's
    /// spokeswoman", "Hale's spokesman"), when nobody was introduced with
    /// that role before it: an unnamed source labelled with the phrase. `the spokeswoman` alone is the last such source described
    /// in its paragraph or the one before.
    fn described_source(&mut self, phrase: &RolePhrase, a: usize, b: usize) -> Option<Reference> {
        if !SPOKESPEOPLE.contains(&phrase.head.as_str()) {
            return None;
        }
        let span = self.span_of(a, b);
        let text = self.text(span);
        if phrase.owner.is_some() && !phrase.former {
            let entity = self.registry.described(&text, &phrase.head, span);
            return Some(Reference {
                entity,
                span,
                cue: format!("{text:?} (an unnamed source described by its office)"),
            });
        }
        if b != a + 2 || !self.is_word(a, &["the"]) {
            return None;
        }
        // "the spokeswoman": the last source described with that head nearby.
        let block = self.tokens[a].block;
        let window = self.tokens.iter().position(|t| t.block + 1 >= block).map(|i| self.tokens[i].span.begin)?;
        let (last_span, entity) = self
            .registry
            .extra_mentions
            .iter()
            .filter(|m| m.span.end <= span.begin && m.span.begin >= window)
            .filter(|m| self.registry.described_head(&m.entity) == Some(phrase.head.as_str()))
            .max_by_key(|m| m.span.begin)
            .map(|m| (m.span, m.entity.clone()))?;
        self.registry.role(&entity, &text, span);
        Some(Reference {
            entity,
            span,
            cue: format!("{text:?}: the unnamed source {:?} described just before", self.text(last_span)),
        })
    }

    /// A group named by whose it is ("Ruiz's family", "the mayor's
    /// aides"): the owner, then a plural head of a group or a word for
    /// kin, labelled with the article's words.
    fn owned_group(&mut self, a: usize, b: usize) -> Option<Reference> {
        let head = self.lower(b - 1);
        let p = (a + 1..b - 1).find(|&i| self.tokens[i].kind == Kind::Possessive)?;
        let owner_start = if self.is_word(a, &["the"]) { a + 1 } else { a };
        let owner_ok = p > owner_start
            && (owner_start..p).all(|i| self.tokens[i].kind == Kind::Word)
            && (owner_start == a + 1 || self.tokens[a].is_capitalised());
        let modifiers_ok =
            (p + 1..b - 1).all(|i| self.tokens[i].kind == Kind::Word && !self.tokens[i].is_capitalised());
        if !(GROUP_HEADS.contains(&head.as_str()) || KIN_GROUPS.contains(&head.as_str())) || !owner_ok || !modifiers_ok
        {
            return None;
        }
        let span = self.span_of(a, b);
        let phrase = self.text(span);
        let entity = self.registry.group(&phrase.to_lowercase().replace('\u{2019}', "'"), &phrase, span);
        Some(Reference { entity, span, cue: format!("{phrase:?} (a group named by whose it is)") })
    }

    /// `the groups` or `the organizations`: the one group of organisations
    /// the article counted before it ("Eleven civic and union
    /// organizations", "several groups"), labelled with those words.
    fn counted_groups(&mut self, a: usize, b: usize) -> Option<Reference> {
        if b != a + 2 || !self.is_word(a, &["the"]) || !self.is_word(a + 1, COLLECTIVE_HEADS) {
            return None;
        }
        let span = self.span_of(a, b);
        let counted: Vec<(usize, usize)> = (0..a)
            .filter(|&h| self.outside(h) && self.is_word(h, COLLECTIVE_HEADS))
            .filter_map(|h| {
                let sentence = self.tokens[h].sentence;
                let count =
                    (h.saturating_sub(6)..h).rev().take_while(|&i| self.tokens[i].sentence == sentence).find(|&i| {
                        self.is_word(i, COUNTS)
                            || (self.tokens[i].kind == Kind::Number && !self.tokens[i].text.contains('.'))
                    })?;
                let modifiers = (count + 1..h).all(|i| {
                    self.tokens[i].kind == Kind::Word && self.outside(i) && !self.is_word(i, &["of", "the", "a", "an"])
                });
                let opens = count == 0
                    || self.tokens[count - 1].sentence != sentence
                    || !self.is_word(count - 1, &["of", "the"]);
                (modifiers && opens).then_some((count, h + 1))
            })
            .collect();
        let [(c, h)] = counted[..] else { return None };
        let described = self.span_of(c, h);
        let phrase = self.text(described);
        let entity = self.registry.group(&phrase.to_lowercase(), &phrase, described);
        self.registry.role(&entity, &self.text(span), span);
        Some(Reference {
            entity,
            span,
            cue: format!("{:?}: the one group the article counted before it, {phrase:?}", self.text(span)),
        })
    }

    /// A plural demonym, alone or after a quantifier ("Mexicans", "many
    /// Americans"), as a group labelled with the article's words.
    fn plural_demonym(&mut self, a: usize, b: usize) -> Option<Reference> {
        if b - a > 2 || (b - a == 2 && !self.is_word(a, QUANTIFIERS)) {
            return None;
        }
        let t = &self.tokens[b - 1];
        let singular = t.text.strip_suffix('s')?;
        if !t.is_capitalised() || !is_demonym(singular) || singular.ends_with('s') {
            return None;
        }
        let span = self.span_of(b - 1, b);
        let phrase = self.text(span);
        let entity = self.registry.group(&phrase.to_lowercase(), &phrase, span);
        Some(Reference { entity, span, cue: format!("{phrase:?} (a people named by its demonym)") })
    }
}

#[cfg(test)]
mod tests {
    // (quotation, speaker as named in the text) for an article with this headline and body.
    use super::super::tests::{Expected, assert_speakers};

    /// Role phrases, described sources and demonyms: a row per form, and
    /// rows where the speaker must be left out. Every sentence written for
    /// this test.
    #[test]
    fn descriptions_resolved_or_left_out() {
        let table: &[(&str, Expected<'_>)] = &[
            // A place in the phrase rules out a holder introduced with another.
            (
                "Rep. Ana Ruiz spoke on Monday, and Ohio Rep. Lena Vogt answered.\n\n\"We will win,\" the Oregon congresswoman said.",
                &[("We will win,", Some("Ana Ruiz"))],
            ),
            (
                "Rep. Ana Ruiz spoke on Monday, and Ohio Rep. Lena Vogt answered.\n\n\"We will win,\" the congresswoman said.",
                &[("We will win,", None)],
            ),
            // A holder whose place the article does not give may be from there too.
            (
                "Rep. Ana Ruiz spoke on Monday, and Ohio Rep. Lena Vogt answered.\n\n\"We will win,\" the Ohio congresswoman said.",
                &[("We will win,", None)],
            ),
            // Only holders introduced before the phrase count.
            (
                "On Monday, President Tom Hale opened the fair.\n\n\"It went well,\" the president said.\n\nLater, President Ana Ruiz of the guild spoke.",
                &[("It went well,", Some("Tom Hale"))],
            ),
            // A former office is not a current one, and the other way round.
            (
                "On Monday, former President Tom Hale met President Ana Ruiz.\n\n\"It went well,\" the former president said.",
                &[("It went well,", Some("Tom Hale"))],
            ),
            (
                "On Monday, former President Tom Hale visited the fair.\n\n\"It went well,\" the president said.",
                &[("It went well,", None)],
            ),
            // An owner in the phrase: the holder's own owner must not differ.
            (
                "On Monday, campaign strategist Tom Hale joined the race.\n\n\"We will win,\" Mara Quist's strategist said.",
                &[("We will win,", Some("Tom Hale"))],
            ),
            (
                "On Monday, Ana Ruiz's strategist Tom Hale joined the race.\n\n\"We will win,\" Mara Quist's strategist said.",
                &[("We will win,", None)],
            ),
            // A spokesperson described by an owner, unnamed, and the same one after.
            (
                "\"The port stays open,\" the mayor's spokeswoman said.\n\n\"We have no plan to sell it,\" the spokeswoman said.",
                &[
                    ("The port stays open,", Some("the mayor's spokeswoman")),
                    ("We have no plan to sell it,", Some("the spokeswoman")),
                ],
            ),
            // No spokesperson described or named before: nobody.
            ("\"We have no plan to sell it,\" the spokeswoman said.", &[("We have no plan to sell it,", None)]),
            // A group named by whose it is ("family" is no adverb).
            (
                "Ana Ruiz died on Monday.\n\nRuiz's family has called the inquiry \"a sham\" and asked for calm.",
                &[("a sham", Some("Ruiz's family"))],
            ),
            // "the groups": the one group of organisations counted before.
            (
                "Nine church and union organizations wrote to the mayor.\n\n\"We want answers,\" the groups said.",
                &[("We want answers,", Some("the groups"))],
            ),
            (
                "Nine church organizations wrote to the mayor, and three union groups wrote to the council.\n\n\"We want answers,\" the groups said.",
                &[("We want answers,", None)],
            ),
            (
                "Church and union organizations wrote to the mayor.\n\n\"We want answers,\" the groups said.",
                &[("We want answers,", None)],
            ),
            // A people named by its demonym.
            ("Many Canadians often say, \"Winter is long.\"", &[("Winter is long.", Some("Canadians"))]),
        ];
        assert_speakers(table.iter().map(|&(body, expected)| ("T", body, expected)));
    }

    /// Subjects read wrongly as descriptions before: an apposition closed
    /// by a relative clause (phrases.rs), the subject of the verb an
    /// infinitive of speech completes (attribution.rs).
    #[test]
    fn subjects_that_were_read_as_descriptions() {
        let table: &[(&str, Expected<'_>)] = &[
            (
                "Mara Quist, head of the Lund Institute, which builds ships, said the yard \"will close.\"",
                &[("will close.", Some("Mara Quist"))],
            ),
            (
                "Tom Hale, a former clerk who is now a fellow at the Lund Institute, which studies ports, said the plan was \"a mistake.\"",
                &[("a mistake.", Some("Tom Hale"))],
            ),
            (
                "The head of the Lund Institute, which builds ships, said the yard \"will close.\"",
                &[("will close.", None)],
            ),
            ("Mayor Ana Ruiz was prompted to say, \"We lost.\"", &[("We lost.", Some("Ana Ruiz"))]),
            (
                "\"We lost,\" Mayor Ana Ruiz said, going on to say that the town had \"no money left.\"",
                &[("We lost,", Some("Ana Ruiz")), ("no money left.", Some("Ana Ruiz"))],
            ),
            ("Mayor Ana Ruiz declined to say, \"We lost.\"", &[("We lost.", None)]),
            ("Mayor Ana Ruiz urged voters to say \"no\" on Sunday.", &[("no", None)]),
        ];
        assert_speakers(table.iter().map(|&(body, expected)| ("T", body, expected)));
    }
}
