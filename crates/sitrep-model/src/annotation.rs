//! What the NLP stage finds in one article: entities and their mentions, quotes, quantities and
//! time expressions. Every `Span` indexes `Article::text` in code points.

use serde::{Deserialize, Serialize};

use crate::span::Span;

/// Names an entity. Within one article's annotations ids are local (`e1`, `e2`, ...); the link
/// stage assigns corpus-wide ids (`person:pete-hegseth`) when it merges entities across articles.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EntityId(pub String);

/// The kind of thing an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    /// A person.
    Person,
    /// An organisation: government body, company, alliance, party, outlet.
    Org,
    /// A geopolitical entity: country, city, state.
    Gpe,
    /// A non-political location: region, sea, mountain.
    Loc,
    /// A nationality, religious or political group ("Ukrainian", "Europeans").
    Norp,
    /// Any other named thing: events, laws, products.
    Misc,
}

impl EntityType {
    /// The upper-case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Org => "ORG",
            EntityType::Gpe => "GPE",
            EntityType::Loc => "LOC",
            EntityType::Norp => "NORP",
            EntityType::Misc => "MISC",
        }
    }
}

/// One place in the text that names or refers to an entity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Where it stands.
    pub span: Span,
    /// The text the span covers.
    pub text: String,
    /// The entity's type.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// The entity it refers to.
    pub entity: EntityId,
}

/// A title or position held by a person, as stated in the text.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Role {
    /// The role as written, normalised in spacing: "U.S. Defense Secretary".
    pub title: String,
    /// The organisation or country the role belongs to, when stated: "U.S.".
    pub org: Option<String>,
    /// Where the role is stated.
    pub span: Span,
}

/// One real thing named in an article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Local id, referenced by mentions and quote speakers.
    pub id: EntityId,
    /// The fullest name used: "Pete Hegseth".
    pub name: String,
    /// The entity's type.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// Other names used for it, in order of first use ("Hegseth", "U.S. Defense Secretary").
    pub aliases: Vec<String>,
    /// Roles the article gives it, in order of appearance.
    pub roles: Vec<Role>,
}

/// How a quotation appears in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Whole sentences inside quotation marks.
    Direct,
    /// A quoted phrase inside reported speech: called the conflict “a factory reset”.
    Partial,
    /// A quotation in the headline.
    Headline,
    /// Reported speech without quotation marks: "X said that ...".
    Indirect,
}

/// Who a quotation is attributed to, and the evidence for it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// The resolved entity, when the mention could be resolved.
    pub entity: Option<EntityId>,
    /// The entity's name, or the mention itself when unresolved.
    pub name: String,
    /// The mention the attribution rests on, as it appears ("he", "the secretary", "Hegseth").
    pub mention: Span,
    /// The text of that mention.
    pub mention_text: String,
}

/// The reporting phrase that introduces a quotation ("told reporters", "stressed", "according to").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cue {
    /// Where the cue stands.
    pub span: Span,
    /// The cue as written.
    pub text: String,
}

/// One quotation: the words, who said them, and why sitrep thinks so.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words without the quotation marks. A quote running over several paragraphs is
    /// one span from its first to its last word.
    pub span: Span,
    /// The text the span covers.
    pub text: String,
    /// How the quote appears.
    pub kind: QuoteKind,
    /// For a partial quote, the reported clause it stands in: what the speaker is reported to
    /// have said, the quoted words included (`that his party was “still the No. 1 force”`).
    /// Null for the other kinds and for a partial quote outside reported speech.
    #[serde(default)]
    pub clause: Option<Span>,
    /// The speaker, or null when the article names none near the quote (see `unattributed`). A
    /// speaker the article only describes ("he", "the spokesman") keeps those words, with no
    /// entity.
    pub speaker: Option<Speaker>,
    /// Why `speaker` is null or has no entity: "no reporting clause near the quote", "the speaker
    /// (a pronoun or a description) could not be resolved to a name", "the speaker's name is not
    /// among the entities found", "no source of the reported content was found".
    pub unattributed: Option<String>,
    /// The reporting phrase, when there is one.
    pub cue: Option<Cue>,
    /// Confidence in the attribution, 0 to 1.
    pub confidence: f32,
}

/// A number with its unit and scale.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// Where the quantity stands, qualifier included.
    pub span: Span,
    /// The text the span covers.
    pub text: String,
    /// The value with scale applied: "$66.5 billion" is 6.65e10.
    pub value: f64,
    /// ISO 4217 code for money, `%` for percentages, `count` for counts of things.
    pub unit: String,
    /// "more than", "over", "about", "up to", "at least", when stated.
    pub qualifier: Option<String>,
    /// What is counted or measured, when stated: "defense ministers", "GDP", "aid" (for money).
    pub of: Option<String>,
    /// The upper end of a range, with scale applied: "$5-6 billion" has value 5e9 and upper 6e9.
    #[serde(default)]
    pub upper: Option<f64>,
    /// Who asserted the figure, when the text says so: the speaker of the quotation that holds
    /// it, or the source after "according to" in its sentence.
    #[serde(default)]
    pub asserted_by: Option<Speaker>,
}

/// The TimeML TIMEX3 type of a time expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimeType {
    /// A calendar date or period: "on Thursday", "next week", "2022".
    Date,
    /// A time of day.
    Time,
    /// A length of time: "for three years".
    Duration,
    /// A recurrence: "every Monday".
    Set,
}

impl TimeType {
    /// The TIMEX3 name, as serialized: `DATE`, `TIME`, `DURATION`, `SET`.
    pub fn as_str(self) -> &'static str {
        match self {
            TimeType::Date => "DATE",
            TimeType::Time => "TIME",
            TimeType::Duration => "DURATION",
            TimeType::Set => "SET",
        }
    }
}

/// A time expression, normalised against the article's publication date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeExpr {
    /// Where it stands.
    pub span: Span,
    /// The text the span covers.
    pub text: String,
    /// TIMEX3 type.
    #[serde(rename = "type")]
    pub time_type: TimeType,
    /// TIMEX3 value: `2025-03-06`, `2025-W11`, `P3Y`, `PRESENT_REF`; `XXXX-...` when a relative
    /// expression has no publication date to anchor it.
    pub value: String,
    /// TIMEX3 modifier: `AFTER` for "since 2022", `APPROX`, ...
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub modifier: Option<String>,
}

/// Everything the NLP stage found in one article.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Annotations {
    /// Entities named in the article, in order of first mention.
    pub entities: Vec<Entity>,
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
    /// Every quotation, in text order.
    pub quotes: Vec<Quote>,
    /// Every quantity, in text order.
    pub quantities: Vec<Quantity>,
    /// Every time expression, in text order.
    pub times: Vec<TimeExpr>,
}

#[cfg(test)]
mod tests {
    use crate::TimeType;

    #[test]
    fn time_type_names_are_their_serialized_form() {
        for time_type in [TimeType::Date, TimeType::Time, TimeType::Duration, TimeType::Set] {
            let serialized = serde_json::to_value(time_type).expect("serializes");
            assert_eq!(serialized.as_str(), Some(time_type.as_str()));
        }
    }
}
