//! Eight bytes at once in a `u64`, for lookups that would otherwise take a
//! byte at a time (the gate's neighbours of a hit, the word before a full
//! stop).

/// The eight bytes of `word` ASCII lowercased, all at once: a byte's high
/// bit is set by the additions where its low seven bits are `A` or past,
/// and where they are past `Z`; an ASCII byte (high bit clear) set by the
/// first and not the second is an uppercase letter, and gets `0x20`.
pub(crate) fn ascii_lowercase(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let seven = word & (0x7F * ONES);
    let from_a = seven + (0x80 - u64::from(b'A')) * ONES;
    let past_z = seven + (0x80 - u64::from(b'Z') - 1) * ONES;
    let upper = from_a & !past_z & !word & (0x80 * ONES);
    word | (upper >> 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_lowercases_as_alone() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let word = u64::from(b) << (8 * at) | 0x4100_0000_0000_005A >> (8 * (at % 2));
                let bytes = word.to_le_bytes().map(|b| b.to_ascii_lowercase());
                assert_eq!(
                    ascii_lowercase(word),
                    u64::from_le_bytes(bytes),
                    "{b:#x} at {at}"
                );
            }
        }
    }
}
