//! The `sequence` primitive: a construction over word classes, written once
//! instead of as a list of its phrasings, the way LanguageTool's token rules
//! and Harper's patterns are. "`@you` `should` `have` `@fault`" is every
//! "you should have deleted / ignored / skipped …" there is.
//!
//! A pack names its word classes in `[classes]` (`you = ["you", "your", "u"]`;
//! a member may be several words, "failed to", or another class, "@you").
//! A sequence is read over one sentence's tokens: its words, lowercase, and
//! the punctuation `, ; : ? !`. Its parts:
//!
//! | part | matches |
//! |---|---|
//! | `word` | that word, in any case |
//! | `@class` | any member of the class |
//! | `(a b \| c)` | one of the alternatives |
//! | `part?` | the part, or nothing |
//! | `*` | any one token |
//! | `..3` | up to three tokens, as few as will do |
//! | `,` `;` `:` `!` `?` | that punctuation (a `?` after a part, with no space, makes it optional) |
//! | `^`, `$` | the sentence's start, its end |
//! | `[ … ]` | the part that becomes the finding's span (the whole match without one) |
//!
//! `except` sequences cancel a match they overlap in the same sentence, so
//! "you should have received" can stand while "you should have read" is
//! flagged.
//!
//! It runs in time linear in the sentence for each sequence (a Pike VM over
//! tokens), and only on the sentences where the shared scan found a word
//! every match must contain: the sequence's rarest required part.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;
use toml::de::DeValue;
use toml::Spanned;

use super::kind::{
    deserialize, required, spec, Found, Hit, Kind, Load, Primitive, RuleTable, Spec, SpecError,
    Table,
};
use crate::document::{on_word_boundaries, Document};
use crate::fold::{is_chat_form, Folded};
use crate::search::{sentence_after, BySentence};
use crate::span::Span;

mod tokens;
mod vm;

use tokens::{hash, Membership, Tokens, PUNCTUATION};
use vm::{Code, First, Inst, Match, Vm};

pub(crate) static KIND: Kind = Kind {
    name: "sequence",
    fields: &["sequences", "except"],
    table: Some(Table {
        name: "classes",
        read: read_table,
    }),
    read_rule,
    build,
};

/// The longest gap a sequence may name (`..20`): a longer one would reach
/// across clauses that have nothing to do with each other.
const MAX_GAP: usize = 20;

/// A pack's word classes.
#[derive(Debug, Default)]
struct Classes {
    names: Vec<String>,
    classes: Vec<Class>,
    /// The table as written, hashed: the built-in sequences' anchors are
    /// looked up by it and their text (see [`builtin_anchor`]).
    fingerprint: u64,
    /// The classes of each one-word member, built on first use.
    membership: OnceLock<Membership>,
}

/// One class: its one-word members (looked up through the pack's
/// [`Membership`]), its longer members as word lists.
#[derive(Debug)]
struct Class {
    listed: Vec<String>,
    phrases: Vec<Vec<Token>>,
    /// The class as a sequence's anchor (see [`Class::anchor`]), worked out
    /// only for a sequence the generated table does not hold.
    anchor: OnceLock<(u64, Vec<String>)>,
}

impl Class {
    /// The words one of which every member holds (a member of several
    /// words by its rarest, "mean" of "I mean"), sorted, with how often
    /// they stand in replies.
    fn anchor(&self) -> &(u64, Vec<String>) {
        self.anchor.get_or_init(|| {
            let mut anchor = self.listed.clone();
            anchor.extend(self.phrases.iter().filter_map(|p| {
                p.iter()
                    .filter_map(|t| match t {
                        Token::Word(w) => Some(w),
                        Token::Punct(_) => None,
                    })
                    .min_by_key(|w| scan_frequency(w))
                    .cloned()
            }));
            anchor.sort();
            anchor.dedup();
            (anchor.iter().map(|w| u64::from(scan_frequency(w))).sum(), anchor)
        })
    }
}

impl Classes {
    fn find(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    fn membership(&self) -> &Membership {
        self.membership
            .get_or_init(|| Membership::new(self.classes.iter().map(|c| c.listed.as_slice())))
    }
}

fn read_table(value: Spanned<DeValue<'_>>, _: &super::kind::Shared, load: Load) -> Result<Box<dyn Spec>, SpecError> {
    if !load.eager {
        if let Some(classes) = tree_fingerprint(value.get_ref()).and_then(builtin_classes) {
            return Ok(Box::new(Arc::new(classes)));
        }
    }
    let raw: BTreeMap<String, Spanned<Vec<Spanned<String>>>> = deserialize(value)?;
    let fingerprint = fingerprint(&raw);
    let mut resolved: BTreeMap<&str, Vec<Vec<Token>>> = BTreeMap::new();
    for name in raw.keys() {
        if !is_class_name(name) {
            let span = raw[name].span();
            let message = format!("class name `{name}` is not a valid name");
            let help = "a class name is lowercase letters, digits and `-`, starting with a letter";
            return Err((span, message, Some(help.into())));
        }
        let mut stack = Vec::new();
        members(&raw, name, &mut stack, &mut resolved)?;
    }
    let mut classes = Classes {
        fingerprint,
        ..Classes::default()
    };
    for (name, list) in resolved {
        let (single, phrases): (Vec<_>, Vec<_>) = list.into_iter().partition(|m| m.len() == 1);
        let listed: Vec<String> = single
            .into_iter()
            .filter_map(|mut m| match m.pop() {
                Some(Token::Word(w)) => Some(w),
                _ => None,
            })
            .collect();
        classes.names.push(name.to_string());
        classes.classes.push(Class {
            anchor: OnceLock::new(),
            listed,
            phrases,
        });
    }
    #[cfg(test)]
    tables::note_classes(&classes);
    Ok(Box::new(Arc::new(classes)))
}

/// A row of the generated classes table: a `[classes]` table's
/// fingerprint, and per class (by name) its one-word members and its
/// longer ones, each as its tokens (punctuation as itself).
type BuiltinClasses = (u64, &'static [(&'static str, &'static [&'static str], &'static [&'static [&'static str]])]);

// `BUILTIN_CLASSES`: the classes of every built-in pack, resolved, sorted
// by fingerprint, generated from `rules/` by a test (`tables.rs`).
include!("sequence/builtin_classes.rs");

/// A built-in pack's classes, resolved ahead: resolving them (each member
/// folded and read into tokens, included classes expanded, sorted) cost
/// more than linting a draft. `None` for a user's classes or ones edited
/// since the table was written, which are then resolved at once.
fn builtin_classes(fingerprint: u64) -> Option<Classes> {
    let i = BUILTIN_CLASSES.binary_search_by_key(&fingerprint, |(f, _)| *f).ok()?;
    let token = |t: &str| match t.as_bytes() {
        [p] if PUNCTUATION.contains(p) => Token::Punct(*p),
        _ => Token::Word(t.to_string()),
    };
    let mut classes = Classes {
        fingerprint,
        ..Classes::default()
    };
    for (name, listed, phrases) in BUILTIN_CLASSES[i].1 {
        classes.names.push(name.to_string());
        classes.classes.push(Class {
            anchor: OnceLock::new(),
            listed: listed.iter().map(|w| w.to_string()).collect(),
            phrases: phrases.iter().map(|p| p.iter().map(|t| token(t)).collect()).collect(),
        });
    }
    Some(classes)
}

/// A hash of a `[classes]` table's names and members as written (FNV-1a,
/// the same in every build): a sequence's parse and its anchor depend on
/// its text and these, and nothing else a pack holds.
fn fingerprint(raw: &BTreeMap<String, Spanned<Vec<Spanned<String>>>>) -> u64 {
    let mut hash = Fingerprint::default();
    for (name, members) in raw {
        hash.feed(name);
        hash.feed(&members.get_ref().len().to_string());
        for member in members.get_ref() {
            hash.feed(member.get_ref());
        }
    }
    hash.0
}

/// [`fingerprint`] of the table as the TOML tree holds it (its keys in the
/// same order), without reading it into strings first: that read is only
/// needed when the classes are not in the generated table. `None` if it is
/// not a table of lists of strings, which the full read then reports.
fn tree_fingerprint(value: &DeValue<'_>) -> Option<u64> {
    let DeValue::Table(table) = value else {
        return None;
    };
    let mut hash = Fingerprint::default();
    for (name, members) in table.iter() {
        let DeValue::Array(members) = members.get_ref() else {
            return None;
        };
        hash.feed(name.get_ref());
        hash.feed(&members.len().to_string());
        for member in members.iter() {
            let DeValue::String(member) = member.get_ref() else {
                return None;
            };
            hash.feed(member);
        }
    }
    Some(hash.0)
}

/// FNV-1a over texts, each text's length first, so that no two tables
/// hash the same bytes.
struct Fingerprint(u64);

impl Default for Fingerprint {
    fn default() -> Fingerprint {
        Fingerprint(0xcbf2_9ce4_8422_2325)
    }
}

impl Fingerprint {
    fn feed(&mut self, text: &str) {
        for b in (text.len() as u64).to_le_bytes().iter().chain(text.as_bytes()) {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Resolve class `name`'s members (its `@class` members expanded) into
/// `resolved`; `stack` holds the classes being resolved, to catch a cycle.
fn members<'r>(
    raw: &'r BTreeMap<String, Spanned<Vec<Spanned<String>>>>,
    name: &'r str,
    stack: &mut Vec<&'r str>,
    resolved: &mut BTreeMap<&'r str, Vec<Vec<Token>>>,
) -> Result<(), SpecError> {
    if resolved.contains_key(name) {
        return Ok(());
    }
    stack.push(name);
    let mut out = Vec::new();
    let list = &raw[name];
    if list.get_ref().is_empty() {
        let message = format!("class `{name}` is empty");
        return Err((list.span(), message, None));
    }
    for member in list.get_ref() {
        let text = member.get_ref().trim();
        if let Some(other) = text.strip_prefix('@') {
            if stack.contains(&other) {
                let message = format!("class `{name}` includes itself through `@{other}`");
                return Err((member.span(), message, None));
            }
            let Some((key, _)) = raw.get_key_value(other) else {
                return Err((member.span(), format!("unknown class `@{other}`"), None));
            };
            members(raw, key, stack, resolved)?;
            out.extend(resolved[key.as_str()].iter().cloned());
            continue;
        }
        let words = tokens_of(text);
        if words.is_empty() || words.iter().any(|t| !matches!(t, Token::Word(_))) {
            let message = format!("class member {text:?} is not one or more words");
            return Err((member.span(), message, None));
        }
        out.push(words);
    }
    stack.pop();
    out.sort();
    out.dedup();
    resolved.insert(name, out);
    Ok(())
}

fn is_class_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A token of a sentence or of a class member: a word, lowercase, or one of
/// the punctuation marks a sequence may name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Token {
    Word(String),
    Punct(u8),
}

/// The tokens of `text` (a class member), folded as a draft is.
fn tokens_of(text: &str) -> Vec<Token> {
    if text.split(' ').all(is_plain_word) {
        return text.split(' ').map(|w| Token::Word(w.to_string())).collect();
    }
    folded_tokens(text)
}

/// The tokens of `text`, folded and read as a draft's sentence is.
fn folded_tokens(text: &str) -> Vec<Token> {
    let folded = Folded::new(text);
    let mut tokens = Tokens::default();
    tokens.read(folded.text(), Span::new(0, folded.text().len()));
    (0..tokens.len())
        .map(|i| match tokens.punct(i) {
            Some(p) => Token::Punct(p),
            None => Token::Word(tokens.word(i).to_string()),
        })
        .collect()
}

/// Whether `word` folds and reads as itself, one word: lowercase ASCII
/// letters, a `'` or `-` only between two of them, and not a chat form
/// ("u", "dont"), which folding replaces. Nearly every word of a pack is
/// one, and folding each would cost more than the rest of reading the
/// pack's sequences.
fn is_plain_word(word: &str) -> bool {
    let bytes = word.as_bytes();
    let letter = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_lowercase);
    let joined = |i: usize| matches!(bytes[i], b'\'' | b'-') && i > 0 && letter(i - 1) && letter(i + 1);
    !bytes.is_empty() && (0..bytes.len()).all(|i| letter(i) || joined(i)) && !is_chat_form(word)
}

/// A part of a parsed sequence.
#[derive(Clone, Debug)]
enum Node {
    Word(String),
    Class(usize),
    Punct(u8),
    Any,
    Gap(usize),
    Start,
    End,
    Alt(Vec<Vec<Node>>),
    Mark(Vec<Node>),
    Optional(Box<Node>),
}

/// The pieces a sequence's text is read into.
#[derive(Debug, PartialEq)]
enum Piece {
    Open,
    Close,
    OpenMark,
    CloseMark,
    Or,
    /// A `?` straight after a part.
    Optional,
    Atom(String),
}

fn pieces(source: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut after_part = false;
    let flush = |word: &mut String, out: &mut Vec<Piece>| {
        if !word.is_empty() {
            out.push(Piece::Atom(std::mem::take(word)));
        }
    };
    for c in source.chars() {
        let piece = match c {
            '(' => Some(Piece::Open),
            ')' => Some(Piece::Close),
            '[' => Some(Piece::OpenMark),
            ']' => Some(Piece::CloseMark),
            '|' => Some(Piece::Or),
            '?' if after_part || !word.is_empty() => Some(Piece::Optional),
            ',' | ';' | ':' | '!' | '?' => {
                flush(&mut word, &mut out);
                out.push(Piece::Atom(c.to_string()));
                after_part = true;
                continue;
            }
            c if c.is_whitespace() => {
                flush(&mut word, &mut out);
                after_part = false;
                continue;
            }
            _ => None,
        };
        match piece {
            Some(piece) => {
                flush(&mut word, &mut out);
                after_part = matches!(piece, Piece::Close | Piece::CloseMark);
                out.push(piece);
            }
            None => word.push(c),
        }
        if !word.is_empty() {
            after_part = true;
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Reads a sequence's pieces into nodes.
struct Parser<'a> {
    pieces: Vec<Piece>,
    at: usize,
    classes: &'a Classes,
    marked: bool,
}

impl Parser<'_> {
    fn alternatives(&mut self, depth: usize) -> Result<Vec<Vec<Node>>, String> {
        let mut alts = vec![self.sequence(depth)?];
        while self.pieces.get(self.at) == Some(&Piece::Or) {
            self.at += 1;
            alts.push(self.sequence(depth)?);
        }
        Ok(alts)
    }

    fn sequence(&mut self, depth: usize) -> Result<Vec<Node>, String> {
        let mut nodes = Vec::new();
        while let Some(piece) = self.pieces.get(self.at) {
            let node = match piece {
                Piece::Or | Piece::Close | Piece::CloseMark => break,
                Piece::Optional => return Err("`?` follows nothing".into()),
                Piece::Open => {
                    self.at += 1;
                    let alts = self.alternatives(depth + 1)?;
                    if self.pieces.get(self.at) != Some(&Piece::Close) {
                        return Err("`(` is not closed".into());
                    }
                    Node::Alt(alts)
                }
                Piece::OpenMark => {
                    if self.marked || depth > 0 {
                        return Err("a sequence marks one part, at its top level".into());
                    }
                    self.marked = true;
                    self.at += 1;
                    let inner = self.sequence(depth)?;
                    if self.pieces.get(self.at) != Some(&Piece::CloseMark) {
                        return Err("`[` is not closed".into());
                    }
                    Node::Mark(inner)
                }
                Piece::Atom(atom) => self.atom(atom)?,
            };
            self.at += 1;
            let node = if self.pieces.get(self.at) == Some(&Piece::Optional) {
                self.at += 1;
                Node::Optional(Box::new(node))
            } else {
                node
            };
            nodes.push(node);
        }
        Ok(nodes)
    }

    fn atom(&self, atom: &str) -> Result<Node, String> {
        Ok(match atom {
            "*" => Node::Any,
            "^" => Node::Start,
            "$" => Node::End,
            _ if atom.len() == 1 && PUNCTUATION.contains(&atom.as_bytes()[0]) => {
                Node::Punct(atom.as_bytes()[0])
            }
            _ if atom.starts_with("..") => {
                let n: usize = atom[2..]
                    .parse()
                    .map_err(|_| format!("`{atom}`: a gap is `..N`, N a number of words"))?;
                if n == 0 || n > MAX_GAP {
                    return Err(format!("`{atom}`: a gap is 1 to {MAX_GAP} words"));
                }
                Node::Gap(n)
            }
            _ if atom.starts_with('@') => {
                let name = &atom[1..];
                let class = self.classes.find(name).ok_or_else(|| {
                    format!("unknown class `@{name}` (classes are named in the pack's `[classes]`)")
                })?;
                Node::Class(class)
            }
            _ if atom.starts_with('\'') => {
                return Err(format!(
                    "`{atom}` is not a word: contractions are one word in the text (\"it's\", \"party's\")"
                ))
            }
            _ if is_plain_word(atom) => Node::Word(atom.to_string()),
            _ => match tokens_of(atom).as_slice() {
                [Token::Word(word)] => Node::Word(word.clone()),
                _ => return Err(format!("`{atom}` is not one word")),
            },
        })
    }
}

/// A sequence, with what the scan looks for it by. A built-in one is parsed
/// and compiled the first time it runs: a draft reaches few of a pack's
/// sequences, and a process lints few drafts.
#[derive(Debug)]
struct Program {
    /// The sequence's text: a built-in one's borrowed from the generated
    /// table, which holds it.
    source: Cow<'static, str>,
    nodes: OnceLock<Vec<Node>>,
    code: OnceLock<Code>,
    classes: Arc<Classes>,
    /// Words one of which every match contains, for the scan.
    anchor: Keys,
    /// Further rare parts every match contains, each as the words one of
    /// which it holds: the sequence runs only where the scan found them all.
    gates: Vec<Keys>,
}

/// Words the scan looks for: the generated table's (borrowed, so a
/// built-in sequence costs no copies), or worked out.
#[derive(Debug)]
enum Keys {
    Table(&'static [Word]),
    Worked(Vec<String>),
}

impl Keys {
    /// The words, for the tables test.
    #[cfg(test)]
    fn words(&self) -> impl Iterator<Item = &str> {
        self.numbered().map(|(number, word)| number.map_or(word, |n| BUILTIN_WORDS[usize::from(n)]))
    }

    /// Each word as its number in `BUILTIN_WORDS`, or (a word worked out
    /// at load) as itself.
    fn numbered(&self) -> impl Iterator<Item = (Option<Word>, &str)> {
        let (table, worked): (&[Word], &[String]) = match self {
            Keys::Table(words) => (words, &[]),
            Keys::Worked(words) => (&[], words),
        };
        let table = table.iter().map(|&n| (Some(n), ""));
        table.chain(worked.iter().map(|w| (None, w.as_str())))
    }

    fn len(&self) -> usize {
        match self {
            Keys::Table(words) => words.len(),
            Keys::Worked(words) => words.len(),
        }
    }
}

/// The instructions of `nodes`, and what a match may start with.
fn code(nodes: &[Node], classes: &Classes) -> Code {
    let mut insts = Vec::new();
    compile(nodes, &mut insts, classes);
    insts.push(Inst::Match);
    let (mut words, mut puncts) = (Vec::new(), Vec::new());
    let first = match first_of(nodes, classes, &mut words, &mut puncts) {
        Some(false) => Some(First::new(matches!(nodes.first(), Some(Node::Start)), &words, puncts)),
        _ => None,
    };
    let mut required = Vec::new();
    required_words(nodes, classes, &mut required);
    Code::new(insts, first, required)
}

/// Per part every match of `nodes` holds, the words one of which it holds:
/// a word, a class's one-word members and its phrases' first words,
/// alternatives by their shortest such list (nothing when one has none).
/// Sound, not exhaustive: a part it leaves out is simply not checked.
fn required_words(nodes: &[Node], classes: &Classes, out: &mut Vec<Vec<u64>>) {
    for node in nodes {
        match node {
            Node::Word(w) => out.push(vec![hash(w)]),
            Node::Class(c) => {
                let class = &classes.classes[*c];
                let mut words: Vec<u64> = class.listed.iter().map(|w| hash(w)).collect();
                for phrase in &class.phrases {
                    match phrase.first() {
                        Some(Token::Word(w)) => words.push(hash(w)),
                        _ => return,
                    }
                }
                out.push(words);
            }
            Node::Alt(alts) => {
                let mut union = Vec::new();
                for alt in alts {
                    let mut inner = Vec::new();
                    required_words(alt, classes, &mut inner);
                    match inner.into_iter().min_by_key(Vec::len) {
                        Some(words) => union.extend(words),
                        None => {
                            union.clear();
                            break;
                        }
                    }
                }
                if !union.is_empty() {
                    out.push(union);
                }
            }
            Node::Mark(inner) => required_words(inner, classes, out),
            _ => {}
        }
    }
}

/// The words and marks a match of `nodes` may start with, and whether it
/// may also start with what follows them (all of `nodes` may match
/// nothing); `None` when it may start with any token (a gap, `*`, `$`).
fn first_of(nodes: &[Node], classes: &Classes, words: &mut Vec<u64>, puncts: &mut Vec<u8>) -> Option<bool> {
    for node in nodes {
        let nullable = match node {
            Node::Start => true,
            Node::Word(w) => {
                words.push(hash(w));
                false
            }
            Node::Class(c) => {
                let class = &classes.classes[*c];
                words.extend(class.listed.iter().map(|w| hash(w)));
                for phrase in &class.phrases {
                    match phrase.first() {
                        Some(Token::Word(w)) => words.push(hash(w)),
                        Some(Token::Punct(p)) => puncts.push(*p),
                        None => {}
                    }
                }
                false
            }
            Node::Punct(p) => {
                puncts.push(*p);
                false
            }
            Node::Any | Node::Gap(_) | Node::End => return None,
            Node::Alt(alts) => {
                let mut any_nullable = false;
                for alt in alts {
                    any_nullable |= first_of(alt, classes, words, puncts)?;
                }
                any_nullable
            }
            Node::Mark(inner) => first_of(inner, classes, words, puncts)?,
            Node::Optional(inner) => {
                first_of(std::slice::from_ref(inner), classes, words, puncts)?;
                true
            }
        };
        if !nullable {
            return Some(false);
        }
    }
    Some(true)
}

fn compile(nodes: &[Node], insts: &mut Vec<Inst>, classes: &Classes) {
    for node in nodes {
        compile_node(node, insts, classes);
    }
}

fn compile_node(node: &Node, insts: &mut Vec<Inst>, classes: &Classes) {
    match node {
        Node::Word(w) => insts.push(Inst::word(w)),
        Node::Punct(p) => insts.push(Inst::Punct(*p)),
        Node::Any => insts.push(Inst::Any),
        Node::Start => insts.push(Inst::Start),
        Node::End => insts.push(Inst::End),
        Node::Class(c) => {
            let phrases = &classes.classes[*c].phrases;
            if phrases.is_empty() {
                insts.push(Inst::Class(*c));
            } else {
                // The one-word members, or one of the phrases: straight into
                // instructions, since a class may have hundreds of phrases.
                alternatives(phrases.len() + 1, insts, |k, insts| match k {
                    0 => insts.push(Inst::Class(*c)),
                    _ => insts.extend(phrases[k - 1].iter().map(|token| match token {
                        Token::Word(w) => Inst::word(w),
                        Token::Punct(p) => Inst::Punct(*p),
                    })),
                });
            }
        }
        Node::Alt(alts) => compile_alt(alts, insts, classes),
        Node::Mark(inner) => {
            insts.push(Inst::Save(2));
            compile(inner, insts, classes);
            insts.push(Inst::Save(3));
        }
        Node::Optional(inner) => {
            let split = insts.len();
            insts.push(Inst::Split(split + 1, 0));
            compile_node(inner, insts, classes);
            insts[split] = Inst::Split(split + 1, insts.len());
        }
        Node::Gap(n) => {
            // As few tokens as will do: each step prefers to stop.
            let mut splits = Vec::new();
            for _ in 0..*n {
                splits.push(insts.len());
                insts.push(Inst::Split(0, 0));
                insts.push(Inst::Any);
            }
            let end = insts.len();
            for s in splits {
                insts[s] = Inst::Split(end, s + 1);
            }
        }
    }
}

fn compile_alt(alts: &[Vec<Node>], insts: &mut Vec<Inst>, classes: &Classes) {
    alternatives(alts.len(), insts, |k, insts| compile(&alts[k], insts, classes));
}

/// `count` alternatives, the first preferred, each compiled by `each`.
fn alternatives(count: usize, insts: &mut Vec<Inst>, mut each: impl FnMut(usize, &mut Vec<Inst>)) {
    let mut jumps = Vec::new();
    for k in 0..count {
        let last = k + 1 == count;
        let split = insts.len();
        if !last {
            insts.push(Inst::Split(split + 1, 0));
        }
        each(k, insts);
        if !last {
            jumps.push(insts.len());
            insts.push(Inst::Jump(0));
            insts[split] = Inst::Split(split + 1, insts.len());
        }
    }
    let end = insts.len();
    for j in jumps {
        insts[j] = Inst::Jump(end);
    }
}

/// The one-word forms a part must start with, when it is a word, a class
/// of single words or alternatives that each start with a word: the second
/// half of an anchor pair.
fn first_words<'a>(node: &'a Node, classes: &'a Classes) -> Option<Vec<&'a str>> {
    match node {
        Node::Word(w) => Some(vec![w.as_str()]),
        Node::Class(c) => {
            let class = &classes.classes[*c];
            class.phrases.is_empty()
                .then(|| class.listed.iter().map(String::as_str).collect())
                .filter(|l: &Vec<&str>| l.len() <= 16)
        }
        Node::Alt(alts) => alts
            .iter()
            .map(|alt| first_words(alt.first()?, classes))
            .collect::<Option<Vec<_>>>()
            .map(|lists| lists.concat()),
        _ => None,
    }
}

/// A word this frequent (per million words of support replies) is in
/// nearly every reply: anchored on it alone, a sequence would run on most
/// sentences, so it is searched for together with the word after it.
const COMMON: u32 = 2_000;

/// How often the scan finds `word` in support replies, per million words.
/// A word of a letter or two counts as common whatever its frequency: the
/// scan finds it inside most words.
fn scan_frequency(word: &str) -> u32 {
    let f = crate::lexicon::frequency(word);
    if word.len() < 3 {
        f.max(50_000)
    } else {
        f
    }
}

/// How often a sentence holds the pair of `first` and `second`, per
/// million words: assumed much rarer than its rarer word.
fn pair_frequency(first: &str, second: &str) -> u64 {
    u64::from(scan_frequency(first).min(scan_frequency(second)) / 16).max(1)
}

/// A word this rare (per million words) or a part whose words together are
/// is worth a second look by the scan: a sequence runs only where all its
/// rare required parts stand.
const GATE: u64 = 10_000;

/// A part every match of a sequence contains that the scan can look for.
enum Part<'a> {
    /// A common word and the one-word forms of the part after it: "on you".
    Pair(&'a str, Vec<&'a str>),
    Word(&'a str),
    Class(usize),
    /// Alternatives, each by its rarest part.
    Alt(Vec<Part<'a>>),
}

impl Part<'_> {
    /// The words or pairs (`"on you"`) one of which the part holds.
    fn words(&self, classes: &Classes, out: &mut Vec<String>) {
        match self {
            Part::Pair(first, seconds) => out.extend(seconds.iter().map(|s| format!("{first} {s}"))),
            Part::Word(w) => out.push(w.to_string()),
            Part::Class(c) => out.extend(classes.classes[*c].anchor().1.iter().cloned()),
            Part::Alt(parts) => parts.iter().for_each(|p| p.words(classes, out)),
        }
    }
}

/// The words one of which every match of `nodes` contains, the rarest such
/// choice by how often its words stand in support replies, and the other
/// required parts rare enough to gate on (rarest first, at most two). `None`
/// if a match may contain no word.
fn anchor(nodes: &[Node], classes: &Classes) -> Option<(Vec<String>, Vec<Vec<String>>)> {
    let mut parts = Vec::new();
    required_parts(nodes, classes, &mut parts);
    parts.sort_by_key(|(score, _)| *score);
    let mut words = parts.into_iter().map(|(score, part)| {
        let mut words = Vec::new();
        part.words(classes, &mut words);
        words.sort();
        words.dedup();
        (score, words)
    });
    let (_, anchor) = words.next()?;
    let mut gates: Vec<Vec<String>> = Vec::new();
    for (score, words) in words {
        if gates.len() == 2 || score >= GATE {
            break;
        }
        if !words.iter().any(|w| anchor.contains(w)) && !gates.contains(&words) {
            gates.push(words);
        }
    }
    Some((anchor, gates))
}

/// The rarest required part of `nodes`, with how often a sentence holds it.
fn best_part<'a>(nodes: &'a [Node], classes: &'a Classes) -> Option<(u64, Part<'a>)> {
    let mut parts = Vec::new();
    required_parts(nodes, classes, &mut parts);
    parts.into_iter().min_by_key(|(score, _)| *score)
}

/// Every part of `nodes` each match contains and the scan can find, with
/// how often a sentence holds it, per million words.
fn required_parts<'a>(nodes: &'a [Node], classes: &'a Classes, out: &mut Vec<(u64, Part<'a>)>) {
    for (k, node) in nodes.iter().enumerate() {
        let part = match node {
            // Two common words in a row are a rare pair: "on you".
            Node::Word(w) if scan_frequency(w) >= COMMON => {
                match nodes.get(k + 1).and_then(|next| first_words(next, classes)) {
                    Some(next) => {
                        let score = next.iter().map(|n| pair_frequency(w, n)).sum();
                        (score, Part::Pair(w, next))
                    }
                    None => (u64::from(scan_frequency(w)), Part::Word(w)),
                }
            }
            Node::Word(w) => (u64::from(scan_frequency(w)), Part::Word(w)),
            Node::Class(c) => (classes.classes[*c].anchor().0, Part::Class(*c)),
            Node::Alt(alts) => {
                let Some(best) = alts
                    .iter()
                    .map(|alt| best_part(alt, classes))
                    .collect::<Option<Vec<_>>>()
                else {
                    continue;
                };
                let score = best.iter().map(|(score, _)| score).sum();
                (score, Part::Alt(best.into_iter().map(|(_, p)| p).collect()))
            }
            Node::Mark(inner) => {
                required_parts(inner, classes, out);
                continue;
            }
            _ => continue,
        };
        out.push(part);
    }
}

/// A sequence's parts.
fn parse(source: &str, classes: &Classes) -> Result<Vec<Node>, String> {
    let mut parser = Parser {
            pieces: pieces(source),
            at: 0,
            classes,
            marked: false,
        };
    let alts = parser.alternatives(0)?;
    match parser.pieces.get(parser.at) {
        None => {}
        Some(Piece::Close) => return Err("`)` closes nothing".into()),
        Some(_) => return Err("`]` closes nothing".into()),
    }
    Ok(if alts.len() == 1 {
        alts.into_iter().next().unwrap_or_default()
    } else {
        vec![Node::Alt(alts)]
    })
}

/// A row of the generated table: `(classes fingerprint, sequence)`, and the
/// sequence's anchor and gates.
type BuiltinAnchor = (
    (u64, &'static str),
    &'static [Word],
    &'static [&'static [Word]],
);

/// A word of the generated table, by its place in `BUILTIN_WORDS`: the
/// index numbers its keys by these instead of hashing thousands of strings.
type Word = u16;

// `BUILTIN_WORDS`: every anchor and gate word of the built-in sequences,
// sorted; `BUILTIN_ANCHORS`: the row of every built-in sequence, sorted,
// its words by number. Generated from `rules/` by a test (`tables.rs`).
include!("../search/builtin_anchors.rs");

/// The row of a built-in sequence over the classes of `fingerprint`, from
/// the generated table: working out its anchor and gates means parsing the
/// sequence, which for the built-in packs would cost more than linting a
/// draft. `None` for a user's sequence, or one edited since the table was
/// written (or whose pack's classes were), which is then parsed at once.
fn builtin_anchor(fingerprint: u64, source: &str) -> Option<&'static BuiltinAnchor> {
    let i = BUILTIN_ANCHORS
        .binary_search_by(|((f, s), _, _)| (*f, *s).cmp(&(fingerprint, source)))
        .ok()?;
    Some(&BUILTIN_ANCHORS[i])
}

impl Program {
    /// Parse `source` now (`load.eager`: a user's pack, so that an error
    /// points at its sequence) or, when the table holds it, on first use.
    fn new(source: &str, classes: &Arc<Classes>, load: Load) -> Result<Program, String> {
        let table = (!load.eager).then(|| builtin_anchor(classes.fingerprint, source)).flatten();
        let (source, nodes, anchor, gates) = match table {
            Some(((_, text), anchor, gates)) => {
                let gates: Vec<Keys> = gates.iter().map(|&g| Keys::Table(g)).collect();
                (Cow::Borrowed(*text), OnceLock::new(), Keys::Table(anchor), gates)
            }
            None => {
                let nodes = parse(source, classes)?;
                let (anchor, gates) = anchor(&nodes, classes)
                    .ok_or("a sequence needs a word or class that every match contains")?;
                let gates: Vec<Keys> = gates.into_iter().map(Keys::Worked).collect();
                (Cow::Owned(source.to_string()), OnceLock::from(nodes), Keys::Worked(anchor), gates)
            }
        };
        #[cfg(test)]
        tables::note(classes.fingerprint, &source, &anchor, &gates);
        Ok(Program {
            source,
            nodes,
            code: OnceLock::new(),
            classes: classes.clone(),
            anchor,
            gates,
        })
    }

    fn nodes(&self) -> &[Node] {
        self.nodes.get_or_init(|| {
            parse(&self.source, &self.classes)
                .expect("a built-in sequence parses: a test parses every one over the same classes")
        })
    }

    fn code(&self) -> &Code {
        self.code.get_or_init(|| code(self.nodes(), &self.classes))
    }

    /// Every match in `tokens`, leftmost first, none overlapping.
    fn matches(&self, tokens: &mut Tokens, vm: &mut Vm, out: &mut Vec<Match>) {
        tokens.bind(self.classes.membership());
        self.code().matches(tokens, vm, out);
    }
}

/// A sequence rule's own fields.
#[derive(Deserialize)]
struct Fields {
    sequences: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    except: Vec<Spanned<String>>,
}

/// A sequence rule, compiled; shared with the primitive the linter builds.
#[derive(Debug, Clone)]
pub(crate) struct Sequences {
    sequences: Arc<[Program]>,
    except: Arc<[Program]>,
}

fn read_rule(
    rule: RuleTable,
    shared: Option<&dyn Spec>,
    load: Load,
) -> Result<Box<dyn Spec>, SpecError> {
    let span = rule.span();
    let Fields { sequences, except } = rule.read()?;
    let sequences = required(sequences, "sequences", KIND.name, span)?;
    Ok(Box::new(read_sequences(sequences, except, shared, load)?))
}

/// Compile `sequences` and their `except` over a pack's classes (what its
/// `[classes]` table read, if it has one): a sequence rule's, or another
/// kind's that matches sequences (a `reply` rule's conditions).
pub(crate) fn read_sequences(
    sequences: Vec<Spanned<String>>,
    except: Vec<Spanned<String>>,
    classes: Option<&dyn Spec>,
    load: Load,
) -> Result<Sequences, SpecError> {
    let empty = Arc::new(Classes::default());
    let classes = classes
        .and_then(|s| s.as_any().downcast_ref::<Arc<Classes>>())
        .unwrap_or(&empty);
    let compile = |list: Vec<Spanned<String>>| {
        list.into_iter()
            .map(|s| Program::new(s.get_ref(), classes, load).map_err(|m| (s.span(), m, None)))
            .collect::<Result<Arc<[Program]>, _>>()
    };
    Ok(Sequences {
        sequences: compile(sequences)?,
        except: compile(except)?,
    })
}

fn build(rules: &[(usize, &dyn Spec)]) -> Option<Box<dyn Primitive>> {
    let rules: Vec<(usize, &Sequences)> = rules.iter().map(|&(i, s)| (i, spec(s))).collect();
    index(&rules).map(|index| Box::new(index) as Box<dyn Primitive>)
}

/// The primitive that runs `rules` (each with the index its hits report),
/// `None` when they hold nothing to search for.
///
/// Every run builds this for the thousand-odd built-in sequences, so it is
/// sized up front and the owners of all keys are one list, cut by key.
pub(crate) fn index<'a>(rules: &[(usize, &'a Sequences)]) -> Option<SequenceIndex> {
    let mut index = SequenceIndex::default();
    let programs = || rules.iter().flat_map(|(_, seqs)| seqs.sequences.iter());
    let anchors: usize = programs().map(|p| p.anchor.len()).sum();
    // The key of each word of the generated table, by its number, once it
    // has one; a word worked out at load is looked up there first, so that
    // it and the table's are one key.
    let mut numbered = vec![usize::MAX; BUILTIN_WORDS.len()];
    let mut others: HashMap<&str, usize> = HashMap::default();
    let mut key = |index: &mut SequenceIndex, (number, word): (Option<Word>, &'a str)| {
        let number = number.map(usize::from).or_else(|| BUILTIN_WORDS.binary_search(&word).ok());
        let slot = match number {
            Some(n) => &mut numbered[n],
            None => others.entry(word).or_insert(usize::MAX),
        };
        if *slot == usize::MAX {
            index.keys.push(number.map_or(word, |n| BUILTIN_WORDS[n]).to_string());
            *slot = index.keys.len() - 1;
        }
        *slot
    };
    // `(key, rule, sequence)` of every anchor word.
    let mut anchored: Vec<(usize, usize, usize)> = Vec::with_capacity(anchors);
    for &(rule, seqs) in rules {
        let r = index.rules.len();
        let mut gates = Vec::with_capacity(seqs.sequences.len());
        for (q, program) in seqs.sequences.iter().enumerate() {
            for word in program.anchor.numbered() {
                anchored.push((key(&mut index, word), r, q));
            }
            let program_gates = program.gates.iter().map(|words| {
                let mut keys: Vec<usize> = words.numbered().map(|w| key(&mut index, w)).collect();
                keys.sort_unstable();
                keys
            });
            gates.push(program_gates.collect());
        }
        index.rules.push((rule, seqs.clone()));
        index.gates.push(gates);
    }
    // Counted out by key, in the order they came.
    let mut starts = vec![0; index.keys.len() + 1];
    for &(k, _, _) in &anchored {
        starts[k + 1] += 1;
    }
    for k in 0..index.keys.len() {
        starts[k + 1] += starts[k];
    }
    let mut next = starts.clone();
    index.owners = vec![(0, 0); anchored.len()];
    for (k, r, q) in anchored {
        index.owners[next[k]] = (r, q);
        next[k] += 1;
    }
    index.owner_starts = starts;
    (!index.keys.is_empty()).then_some(index)
}

/// Every enabled sequence rule, and the words the scan finds for them.
#[derive(Default)]
pub(crate) struct SequenceIndex {
    /// `(rule index, sequences, except)` per rule.
    rules: Vec<(usize, Sequences)>,
    /// The anchor and gate words of every sequence, each once.
    keys: Vec<String>,
    /// The `(rule, sequence)` pairs each key anchors, key by key: those of
    /// key `k` are `owners[owner_starts[k]..owner_starts[k + 1]]`.
    owners: Vec<(usize, usize)>,
    owner_starts: Vec<usize>,
    /// Per rule and sequence, its gates as sorted keys.
    gates: Vec<Vec<Vec<Vec<usize>>>>,
}

impl Primitive for SequenceIndex {
    fn literals(&self) -> Vec<&[String]> {
        vec![&self.keys]
    }

    fn check(&self, doc: &Document, found: &mut [Vec<Found>], hits: &mut Vec<Hit>) {
        self.search(doc, &found[0], hits, false);
    }
}

impl SequenceIndex {
    /// Whether any sequence matches in `doc`: the search stops at the first
    /// match (a reply condition that must not hold anywhere needs no more).
    pub(crate) fn any(&self, doc: &Document, found: &[Found]) -> bool {
        let mut hits = Vec::new();
        self.search(doc, found, &mut hits, true);
        !hits.is_empty()
    }

    /// The sentences where an anchor stands as a word and so does a word of
    /// each of its sequence's gates, each read into tokens once, and every
    /// sequence that passes run on them; only until the first match when
    /// `first` is set.
    fn search(&self, doc: &Document, keys: &[Found], hits: &mut Vec<Hit>, first: bool) {
        let (text, sentences) = (doc.text(), doc.sentences());
        // The keys found as words, by sentence.
        let mut cursor = 0;
        let words = keys.iter().filter(|&&(start, end, _)| on_word_boundaries(text, Span::new(start, end)));
        let in_sentences = words.filter_map(|&(start, _, key)| {
            let k = sentence_after(sentences, start, &mut cursor);
            sentences.get(k).is_some_and(|s| s.start <= start).then_some((k, key))
        });
        let present = BySentence::new(in_sentences.collect());
        let mut todo: Vec<(usize, usize, usize)> = Vec::new();
        let mut passing: Vec<(usize, usize)> = Vec::new();
        for (k, group) in present.iter() {
            let holds = |key: &usize| group.binary_search(key).is_ok();
            passing.clear();
            for &key in group {
                let owners = self.owners[self.owner_starts[key]..self.owner_starts[key + 1]].iter();
                passing.extend(owners.filter(|&&(r, q)| self.gates[r][q].iter().all(|g| g.iter().any(holds))));
            }
            passing.sort_unstable();
            passing.dedup();
            todo.extend(passing.iter().map(|&(r, q)| (k, r, q)));
        }
        let (mut tokens, mut vm, mut found, mut cancels) =
            (Tokens::default(), Vm::default(), Vec::new(), Vec::new());
        let mut read = usize::MAX;
        let mut cancelled_for = None;
        for (k, r, q) in todo {
            if read != k {
                tokens.read(text, sentences[k]);
                read = k;
            }
            let (rule, Sequences { sequences, except }) = &self.rules[r];
            found.clear();
            sequences[q].matches(&mut tokens, &mut vm, &mut found);
            if !found.is_empty() && cancelled_for != Some((k, r)) {
                // Once per sentence and rule, not per match: a long
                // unpunctuated text is one sentence with many matches.
                cancels.clear();
                for program in except.iter() {
                    program.matches(&mut tokens, &mut vm, &mut cancels);
                }
                cancelled_for = Some((k, r));
            }
            for &[start, end, mark_start, mark_end] in &found {
                if cancels.iter().any(|c| c[0] < end && start < c[1]) {
                    continue;
                }
                let (from, to) = if mark_start < mark_end && mark_end != usize::MAX {
                    (mark_start, mark_end)
                } else {
                    (start, end)
                };
                hits.push(Hit {
                    rule: *rule,
                    span: Span::new(tokens.span(from).start, tokens.span(to - 1).end),
                    replacement: None,
                    fix_span: None,
                });
                if first {
                    return;
                }
            }
        }
    }
}

/// The built-in sequences as the tables test reads them, for
/// `BUILTIN_ANCHORS`.
#[cfg(test)]
pub(crate) mod tables {
    use std::cell::RefCell;

    /// A row of `BUILTIN_ANCHORS`: `(classes fingerprint, sequence)`, its
    /// anchor and its gates.
    pub(crate) type Row = ((u64, String), Vec<String>, Vec<Vec<String>>);

    /// A row of `BUILTIN_CLASSES`: a `[classes]` fingerprint, and per class
    /// its name, one-word members and longer members' tokens.
    pub(crate) type ClassRow = (u64, Vec<(String, Vec<String>, Vec<Vec<String>>)>);

    thread_local! {
        /// The rows of the sequences read on this thread while
        /// [`rows_read`] runs.
        static ROWS: RefCell<Option<Vec<Row>>> = const { RefCell::new(None) };
        /// The rows of the `[classes]` tables resolved meanwhile.
        static CLASS_ROWS: RefCell<Option<Vec<ClassRow>>> = const { RefCell::new(None) };
    }

    /// Note a `[classes]` table resolved, if [`rows_read`] is listening.
    pub(super) fn note_classes(classes: &super::Classes) {
        CLASS_ROWS.with_borrow_mut(|rows| {
            if let Some(rows) = rows {
                let token = |t: &super::Token| match t {
                    super::Token::Word(w) => w.clone(),
                    super::Token::Punct(p) => char::from(*p).to_string(),
                };
                let row = classes.names.iter().zip(&classes.classes).map(|(name, class)| {
                    let phrases = class.phrases.iter().map(|p| p.iter().map(token).collect()).collect();
                    (name.clone(), class.listed.clone(), phrases)
                });
                rows.push((classes.fingerprint, row.collect()));
            }
        });
    }

    /// Note a sequence read, if [`rows_read`] is listening.
    pub(super) fn note(fingerprint: u64, source: &str, anchor: &super::Keys, gates: &[super::Keys]) {
        ROWS.with_borrow_mut(|rows| {
            if let Some(rows) = rows {
                let words = |list: &super::Keys| list.words().map(str::to_string).collect();
                rows.push(((fingerprint, source.to_string()), words(anchor), gates.iter().map(words).collect()));
            }
        });
    }

    /// The row of every sequence that `read` reads, and of every
    /// `[classes]` table it resolves.
    pub(crate) fn rows_read(read: impl FnOnce()) -> (Vec<Row>, Vec<ClassRow>) {
        ROWS.set(Some(Vec::new()));
        CLASS_ROWS.set(Some(Vec::new()));
        read();
        (ROWS.take().unwrap_or_default(), CLASS_ROWS.take().unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EAGER: Load = Load { eager: true };

    fn classes(table: &str) -> Arc<Classes> {
        let doc = toml::de::DeTable::parse(table).unwrap();
        let value = Spanned::new(0..table.len(), DeValue::Table(doc.into_inner()));
        let spec = read_table(value, &[], Load { eager: true }).unwrap();
        spec.as_ref().as_any().downcast_ref::<Arc<Classes>>().unwrap().clone()
    }

    fn pack_classes() -> Arc<Classes> {
        classes(
            r#"
you = ["you", "your"]
fault = ["deleted", "ignored", "failed to", "forgot"]
blame = ["@you", "customers"]
"#,
        )
    }

    /// The matched (or marked) words of `sequence` in each sentence of
    /// `text`, with `except` cancelling.
    fn run(sequence: &str, except: &[&str], text: &str) -> Vec<String> {
        let classes = pack_classes();
        let seqs = Sequences {
            sequences: vec![Program::new(sequence, &classes, EAGER).unwrap()].into(),
            except: except
                .iter()
                .map(|e| Program::new(e, &classes, EAGER).unwrap())
                .collect(),
        };
        let index = build(&[(0, &seqs as &dyn Spec)]).unwrap();
        let doc = Document::new(text);
        let scan = crate::search::Scan::new(index.literals()).unwrap();
        let mut found = vec![Vec::new()];
        scan.for_each(doc.text(), |_, s, e, i| found[0].push((s, e, i)));
        let mut hits = Vec::new();
        index.check(&doc, &mut found, &mut hits);
        hits.iter()
            .map(|h| doc.original_span(h.span).slice(text).to_string())
            .collect()
    }

    /// The built-in classes are looked up by the fingerprint of their TOML
    /// tree, which must be the one their read gives.
    #[test]
    fn a_classes_tree_fingerprints_as_its_read() {
        for (_, source) in crate::pack::SOURCES {
            let doc = toml::de::DeTable::parse(source).unwrap().into_inner();
            let Some((_, value)) = doc.iter().find(|(k, _)| k.get_ref() == "classes") else {
                continue;
            };
            let raw: BTreeMap<String, Spanned<Vec<Spanned<String>>>> = deserialize(value.clone()).unwrap();
            assert_eq!(tree_fingerprint(value.get_ref()), Some(fingerprint(&raw)));
            assert!(builtin_classes(fingerprint(&raw)).is_some(), "the tables test writes every built-in pack's classes");
        }
    }

    #[test]
    fn classes_words_alternatives_and_gaps_match_over_words() {
        let seq = "@you (should | must) have ..2 @fault";
        assert_eq!(
            run(seq, &[], "You should have simply DELETED it. You must have failed to log in."),
            ["You should have simply DELETED", "You must have failed to"]
        );
        assert!(run(seq, &[], "You should have a look at the deleted items.").is_empty());
        assert!(run(seq, &[], "We should have deleted it.").is_empty());
    }

    #[test]
    fn a_marked_part_is_the_span_and_optional_parts_may_be_missing() {
        assert_eq!(run("^ honestly ,? [..3 @you]", &[], "Honestly, did you read it?"), ["did you"]);
        assert_eq!(run("^ honestly ,? [..3 @you]", &[], "Honestly you know it."), ["you"]);
        assert!(run("^ honestly , [..3 @you]", &[], "Honestly you know it.").is_empty());
        assert!(run("^ honestly ,? [..3 @you]", &[], "I honestly think your plan works.").is_empty());
    }

    #[test]
    fn punctuation_and_sentence_edges_are_tokens() {
        assert_eq!(run("@you forgot ?", &[], "Why? Because you forgot? Yes."), ["you forgot?"]);
        assert!(run("@you forgot $", &[], "You forgot the code.").is_empty());
        assert_eq!(run("@you forgot $", &[], "I think you forgot."), ["you forgot"]);
    }

    #[test]
    fn a_handle_is_not_a_word() {
        assert_eq!(run("^ ask your", &[], "@priya_s92 Ask your branch. ^MW"), ["Ask your"]);
        assert_eq!(run("priya", &[], "Hi priya, @priya_s92 hello"), ["priya"]);
    }

    #[test]
    fn except_cancels_only_the_matches_it_overlaps() {
        let except = ["should have received"];
        let text = "You should have received it. You should have read it.";
        assert_eq!(run("@you should have *", &except, text), ["You should have read"]);
    }

    #[test]
    fn classes_include_classes_and_chat_spelling_is_folded_before() {
        assert_eq!(run("@blame ignored", &[], "Customers ignored it; u ignored it."), ["Customers ignored", "u ignored"]);
    }

    #[test]
    fn matches_do_not_overlap_and_restart_after_each() {
        assert_eq!(run("@you ..1 @fault", &[], "you deleted you ignored"), ["you deleted", "you ignored"]);
    }

    #[test]
    fn the_anchor_is_the_rarest_required_part() {
        let classes = pack_classes();
        let p = Program::new("@you? have @fault", &classes, EAGER).unwrap();
        assert_eq!(p.anchor.words().collect::<Vec<_>>(), ["deleted", "failed", "forgot", "ignored"]);
        let p = Program::new("(should | must) @you", &classes, EAGER).unwrap();
        assert_eq!(p.anchor.words().collect::<Vec<_>>(), ["must", "should"]);
        // Two common words in a row are searched for as a pair.
        let p = Program::new("(is | was) on @you", &classes, EAGER).unwrap();
        assert_eq!(p.anchor.words().collect::<Vec<_>>(), ["on you", "on your"]);
        // Rarity is how often a word stands in support replies, not its
        // length: "refund" is common there, "chargeback" rare.
        let p = Program::new("refund ..3 chargeback", &classes, EAGER).unwrap();
        assert_eq!(p.anchor.words().collect::<Vec<_>>(), ["chargeback"]);
    }

    #[test]
    fn rare_required_parts_besides_the_anchor_gate_it() {
        let classes = pack_classes();
        // "refund" gates "chargeback"; "you" is too common to be worth it,
        // and an optional part is no gate at all.
        let p = Program::new("@you ..3 refund ..3 chargeback dispute?", &classes, EAGER).unwrap();
        assert_eq!(p.gates.iter().map(|g| g.words().collect()).collect::<Vec<Vec<_>>>(), [["refund"]]);
        // A gate is found by the scan like an anchor: a sentence without it
        // never runs the sequence, one with it does.
        assert!(run("refund ..3 chargeback", &[], "A chargeback was filed.").is_empty());
        assert_eq!(
            run("refund ..3 chargeback", &[], "No refund, a chargeback."),
            ["refund, a chargeback"]
        );
    }

    #[test]
    fn bad_sequences_and_classes_say_what_is_wrong() {
        let classes = pack_classes();
        let err = |s: &str| Program::new(s, &classes, EAGER).unwrap_err();
        assert!(err("@nope").contains("unknown class `@nope`"));
        assert!(err("(a | b").contains("not closed"));
        assert!(err("a ) b").contains("closes nothing"));
        assert!(err("..3 ,").contains("needs a word"));
        assert!(err("a ..99 b").contains("1 to 20"));
        assert!(err("[a] [b]").contains("marks one part"));
        assert!(err("(is | 's) fine").contains("`'s` is not a word"));
        let table = "a = [\"@b\"]\nb = [\"@a\"]";
        let doc = toml::de::DeTable::parse(table).unwrap();
        let value = Spanned::new(0..table.len(), DeValue::Table(doc.into_inner()));
        let (_, message, _) = read_table(value, &[], Load { eager: true }).unwrap_err();
        assert!(message.contains("includes itself"), "{message}");
    }

    proptest::proptest! {
        /// A pack's words read the same with or without the plain-word
        /// shortcut.
        #[test]
        fn plain_words_read_as_folding_them_would(
            text in "(u|ur|dont|don't|i've|ive|self-service|-a|a-|a--b|'s|x'|you|I|R|r|pls| )*",
        ) {
            proptest::prop_assert_eq!(tokens_of(&text), folded_tokens(&text));
        }

        /// A sequence of plain words matches where the words stand in a row,
        /// as a search of the lowercase word list would find them.
        #[test]
        fn plain_words_match_as_a_word_search_would(
            words in proptest::collection::vec("(you|deleted|it|the|code)", 0..12),
        ) {
            let text = words.join(" ");
            let found = run("you deleted it", &[], &text).len();
            let expected = words.windows(3).filter(|w| w == &["you", "deleted", "it"]).count();
            proptest::prop_assert_eq!(found, expected);
        }
    }
}

