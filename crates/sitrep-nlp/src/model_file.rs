//! Reading the trained taggers' files: little-endian fields in order, each read checked against
//! the file's end, so that a truncated or corrupt file is an error naming where it broke.

/// A file ended before a field, or a field held what no model writes, at this byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct BadByte {
    pub(crate) offset: usize,
}

/// Reads a model file's fields in order.
pub(crate) struct Reader<'a> {
    pub(crate) bytes: &'a [u8],
    pub(crate) offset: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, offset: 0 }
    }

    /// The error for what is at the current byte.
    pub(crate) fn bad(&self) -> BadByte {
        BadByte { offset: self.offset }
    }

    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8], BadByte> {
        let slice = self.bytes.get(self.offset..self.offset.saturating_add(n)).ok_or_else(|| self.bad())?;
        self.offset += n;
        Ok(slice)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], BadByte> {
        let bad = self.bad();
        self.take(N)?.try_into().map_err(|_| bad)
    }

    pub(crate) fn u8(&mut self) -> Result<u8, BadByte> {
        Ok(self.array::<1>()?[0])
    }

    pub(crate) fn i16(&mut self) -> Result<i16, BadByte> {
        Ok(i16::from_le_bytes(self.array()?))
    }

    pub(crate) fn u32(&mut self) -> Result<u32, BadByte> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    pub(crate) fn u64(&mut self) -> Result<u64, BadByte> {
        Ok(u64::from_le_bytes(self.array()?))
    }

    pub(crate) fn f32(&mut self) -> Result<f32, BadByte> {
        Ok(f32::from_le_bytes(self.array()?))
    }

    /// Whether every byte was read.
    pub(crate) fn at_end(&self) -> bool {
        self.offset == self.bytes.len()
    }
}
