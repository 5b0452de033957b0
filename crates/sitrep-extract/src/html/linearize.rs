//! The page as a sequence of text blocks, each with the chain of elements above it.
//!
//! Block-level elements (paragraphs, headings, list items, cells, divisions) start and end
//! blocks; inline text joins the block it stands in; `<br>` breaks lines inside one. Furniture
//! (see [`crate::html::boilerplate`]) is left out with everything inside it. The walk uses an
//! explicit stack, so a page of 100,000 nested tags cannot overflow the call stack.

use ego_tree::{NodeId, NodeRef};
use rustc_hash::FxHashMap;
use scraper::{Html, Node};

use crate::html::boilerplate::{Verdict, VerdictCache, is_table_figure, opens_with_furniture_heading, verdict_cached};

/// Share of the page's text above which a furniture-looking element is read anyway.
const GUARD_SHARE: f64 = 0.4;

/// What kind of element a block comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BlockKind {
    Paragraph,
    /// `h1` to `h6`, with the level.
    Heading(u8),
    ListItem,
    Quote,
    Preformatted,
    Cell,
    Other,
}

/// A run of text that a page shows as one block.
#[derive(Clone, Debug)]
pub(crate) struct Block {
    /// The text, whitespace folded; line breaks from `<br>` kept as `\n`.
    pub(crate) text: String,
    /// Characters of text.
    pub(crate) n_chars: usize,
    /// Characters inside links.
    pub(crate) link_chars: usize,
    pub(crate) kind: BlockKind,
    /// Elements from `<body>` down to the block's own element.
    pub(crate) path: Vec<NodeId>,
    /// Inside an element that looks like furniture (a byline box, a navigation bar): never
    /// article text, but where pages show their date.
    pub(crate) furniture: bool,
}

impl Block {
    pub(crate) fn link_density(&self) -> f64 {
        if self.n_chars == 0 { 0.0 } else { self.link_chars as f64 / self.n_chars as f64 }
    }
}

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "tbody",
    "thead",
    "caption",
    "address",
    "center",
    "details",
    "summary",
    "hr",
    "body",
    "form",
    "fieldset",
    "hgroup",
];

fn kind_of(name: &str) -> BlockKind {
    match name {
        "p" => BlockKind::Paragraph,
        "h1" => BlockKind::Heading(1),
        "h2" => BlockKind::Heading(2),
        "h3" => BlockKind::Heading(3),
        "h4" => BlockKind::Heading(4),
        "h5" => BlockKind::Heading(5),
        "h6" => BlockKind::Heading(6),
        "li" | "dd" | "dt" => BlockKind::ListItem,
        "blockquote" => BlockKind::Quote,
        "pre" => BlockKind::Preformatted,
        "td" | "th" => BlockKind::Cell,
        _ => BlockKind::Other,
    }
}

enum Step<'a> {
    Enter(NodeRef<'a, Node>),
    Exit { block: bool, link: bool, furniture: bool },
}

#[derive(Default)]
struct Builder {
    text: String,
    link_chars: usize,
    /// Builds the blocks of furniture.
    furniture: bool,
}

impl Builder {
    fn push_text(&mut self, text: &str, in_link: bool) {
        for (idx, word) in text.split(char::is_whitespace).enumerate() {
            let starts_with_space = idx > 0 || text.starts_with(char::is_whitespace);
            if starts_with_space && !self.text.is_empty() && !self.text.ends_with([' ', '\n']) {
                self.text.push(' ');
            }
            if !word.is_empty() {
                self.text.push_str(word);
                if in_link {
                    self.link_chars += word.chars().count();
                }
            }
        }
    }

    fn push_break(&mut self) {
        while self.text.ends_with(' ') {
            self.text.pop();
        }
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
    }

    fn flush(&mut self, kind: BlockKind, path: &[NodeId], blocks: &mut Vec<Block>) {
        let text = std::mem::take(&mut self.text);
        let link_chars = std::mem::take(&mut self.link_chars);
        let mut text = text.trim().to_string();
        if text.contains('\n') {
            text = text.replace(" \n", "\n").replace("\n ", "\n");
        }
        if text.is_empty() {
            return;
        }
        let n_chars = non_space_chars(&text);
        let link_chars = link_chars.min(n_chars);
        blocks.push(Block { text, n_chars, link_chars, kind, path: path.to_vec(), furniture: self.furniture });
    }
}

/// Flattens the page's `<body>` (or the whole document without one) into blocks, furniture
/// included but flagged. The text of furniture never joins the blocks of the text around it.
pub(crate) fn linearize(document: &Html) -> Vec<Block> {
    let root = document.tree.root();
    let text_len = subtree_text_lengths(root);
    let body = find_body(root).unwrap_or(root);
    let page_chars = text_len.get(&body.id()).copied().unwrap_or(0).max(1);
    let mut blocks = Vec::new();
    let mut content = Builder::default();
    let mut furniture = Builder { furniture: true, ..Builder::default() };
    let mut furniture_depth = 0usize;
    let mut verdicts = VerdictCache::default();
    let mut path: Vec<NodeId> = Vec::new();
    let mut kinds: Vec<BlockKind> = vec![BlockKind::Other];
    let mut link_depth = 0usize;
    let mut stack = vec![Step::Enter(body)];
    while let Some(step) = stack.pop() {
        let builder = if furniture_depth > 0 { &mut furniture } else { &mut content };
        match step {
            Step::Enter(node) => match node.value() {
                Node::Text(text) => builder.push_text(text, link_depth > 0),
                Node::Element(element) => {
                    let name = element.name();
                    let verdict = match verdict_cached(element, &mut verdicts) {
                        Verdict::Keep if opens_with_furniture_heading(node) => Verdict::Skip,
                        Verdict::SkipIfSmall if is_table_figure(element, node) => Verdict::Keep,
                        verdict => verdict,
                    };
                    let is_furniture = match verdict {
                        Verdict::Keep => false,
                        Verdict::Skip if node.id() == body.id() => false,
                        Verdict::Skip => continue,
                        Verdict::SkipIfSmall => {
                            let share = text_len.get(&node.id()).copied().unwrap_or(0) as f64 / page_chars as f64;
                            share < GUARD_SHARE && node.id() != body.id()
                        }
                    };
                    if name == "br" {
                        builder.push_break();
                        continue;
                    }
                    let block = BLOCK_TAGS.contains(&name);
                    if is_furniture {
                        // Entering furniture from the text leaves that text's block open.
                        if furniture_depth > 0 {
                            builder.flush(*kinds.last().unwrap_or(&BlockKind::Other), &path, &mut blocks);
                        }
                        furniture_depth += 1;
                    } else if block {
                        builder.flush(*kinds.last().unwrap_or(&BlockKind::Other), &path, &mut blocks);
                    }
                    if block {
                        kinds.push(kind_of(name));
                    }
                    let link = name == "a";
                    if link {
                        link_depth += 1;
                    }
                    path.push(node.id());
                    stack.push(Step::Exit { block, link, furniture: is_furniture });
                    let mut child = node.last_child();
                    while let Some(node) = child {
                        stack.push(Step::Enter(node));
                        child = node.prev_sibling();
                    }
                }
                _ => {}
            },
            Step::Exit { block, link, furniture: leaves_furniture } => {
                let kind = if block { kinds.pop().unwrap_or(BlockKind::Other) } else { BlockKind::Other };
                if block || leaves_furniture {
                    builder.flush(kind, &path, &mut blocks);
                }
                if leaves_furniture {
                    furniture_depth -= 1;
                }
                if link {
                    link_depth = link_depth.saturating_sub(1);
                }
                path.pop();
            }
        }
    }
    content.flush(BlockKind::Other, &path, &mut blocks);
    blocks
}

/// Characters that are not whitespace, counted fast on ASCII.
fn non_space_chars(text: &str) -> usize {
    if text.is_ascii() {
        // `char::is_whitespace` on ASCII: tab to carriage return (vertical tab included) and space.
        text.bytes().map(|byte| usize::from(!matches!(byte, b'\t'..=b'\r' | b' '))).sum()
    } else {
        text.chars().filter(|c| !c.is_whitespace()).count()
    }
}

fn find_body(root: NodeRef<'_, Node>) -> Option<NodeRef<'_, Node>> {
    let html =
        root.children().find(|node| node.value().as_element().is_some_and(|element| element.name() == "html"))?;
    html.children().find(|node| node.value().as_element().is_some_and(|element| element.name() == "body"))
}

/// Characters of text below every node, computed without recursion: a pre-order walk, then
/// children's totals added to their parents in reverse.
fn subtree_text_lengths(root: NodeRef<'_, Node>) -> FxHashMap<NodeId, usize> {
    let mut order = Vec::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        order.push(node);
        let is_script = node
            .value()
            .as_element()
            .is_some_and(|element| matches!(element.name(), "script" | "style" | "noscript" | "template"));
        if !is_script {
            stack.extend(node.children());
        }
    }
    let mut lengths = FxHashMap::with_capacity_and_hasher(order.len(), Default::default());
    for node in order.iter().rev() {
        let own = match node.value() {
            Node::Text(text) => non_space_chars(text),
            _ => 0,
        };
        let total = own + lengths.get(&node.id()).copied().unwrap_or(0);
        lengths.insert(node.id(), total);
        if let Some(parent) = node.parent() {
            *lengths.entry(parent.id()).or_insert(0) += total;
        }
    }
    lengths
}

#[cfg(test)]
mod tests {
    use crate::html::parse::parse;

    use crate::html::linearize::{linearize, non_space_chars};

    #[test]
    fn non_space_characters_as_char_counts_them() {
        let all_bytes: String = (0u8..128).map(char::from).collect();
        for text in [all_bytes.as_str(), " a\tb\u{b}c\u{c}\r\n", "", "x\u{a0}y é"] {
            assert_eq!(non_space_chars(text), text.chars().filter(|c| !c.is_whitespace()).count(), "{text:?}");
        }
    }

    #[test]
    fn blocks_of_a_page() {
        let page = "<html><body><nav><a href=/>Home</a></nav><article><h1>Talks resume</h1>\
            <p>GENEVA — Talks <b>resumed</b> on Monday.<br>Second line.</p><ul><li><a href=/x>Related link</a></li></ul>\
            <script>var x = 1;</script></article><footer>© 2026</footer></body></html>";
        let blocks = linearize(&parse(page));
        let rendered: Vec<String> =
            blocks.iter().map(|b| format!("{:?}:{}:{}:{}", b.kind, b.text, b.link_chars, b.furniture)).collect();
        assert_eq!(
            rendered,
            [
                "Other:Home:4:true",
                "Heading(1):Talks resume:0:false",
                "Paragraph:GENEVA — Talks resumed on Monday.\nSecond line.:0:false",
                "ListItem:Related link:11:false",
                "Other:© 2026:0:true"
            ]
        );
    }

    #[test]
    fn furniture_inside_a_paragraph_leaves_it_whole() {
        let page = "<body><p>Talks resumed in Geneva on Monday after three weeks <span class=\"byline\">by Lena Hart</span> \
            of silence.</p></body>";
        let blocks = linearize(&parse(page));
        let rendered: Vec<(&str, bool)> = blocks.iter().map(|b| (b.text.as_str(), b.furniture)).collect();
        assert_eq!(
            rendered,
            [("by Lena Hart", true), ("Talks resumed in Geneva on Monday after three weeks of silence.", false)]
        );
    }
}
