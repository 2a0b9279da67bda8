//! Character normalization shared by the index and the query, so that what a user types matches
//! the 细则's own punctuation: full-width forms, Chinese quotes and brackets, spaces.

/// Maps one character to the form used for matching; always one character for one, so positions
/// map back to the original text character by character.
pub fn normalize_char(c: char) -> char {
    match c {
        // Full-width ASCII forms (，（）：；！？ＡＢ１２…) to their ASCII counterparts.
        '\u{FF01}'..='\u{FF5E}' => {
            char::from_u32(c as u32 - 0xFEE0).map_or(c, |h| h.to_ascii_lowercase())
        }
        '“' | '”' | '„' | '〝' | '〞' => '"',
        '‘' | '’' | '‚' => '\'',
        // The 细则 writes 〔2019〕 in document numbers; users type (2019), [2019] or 【2019】.
        '〔' | '【' | '[' | '〖' => '(',
        '〕' | '】' | ']' | '〗' => ')',
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => ' ',
        c if c.is_whitespace() || c.is_control() => ' ',
        c => c.to_ascii_lowercase(),
    }
}

/// Normalizes a whole string character by character.
pub fn normalize(s: &str) -> String {
    s.chars().map(normalize_char).collect()
}
