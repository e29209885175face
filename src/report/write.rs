//! Writing outputs: atomically (a temporary file renamed into place, so a failure never leaves a
//! half-written file), never over an input, and with spreadsheet formulas neutralised.

use crate::text::{Text, os_error};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Why an output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The output is one of the inputs.
    #[error("{}", self.text())]
    WouldOverwriteInput(PathBuf),
    /// The output exists and is neither a regular file nor something written in place (a pipe
    /// or a character device such as `/dev/null`): a folder, a block device, a socket.
    #[error("{}", self.text())]
    NotAFile(PathBuf),
    /// The file system refused.
    #[error("{}", self.text())]
    Io {
        /// The output path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

impl WriteError {
    /// What went wrong, in both languages.
    pub fn text(&self) -> Text {
        match self {
            WriteError::WouldOverwriteInput(path) => Text::new(
                format!("menolak menimpa berkas masukan {}", path.display()),
                format!("refusing to overwrite input file {}", path.display()),
            ),
            WriteError::NotAFile(path) => Text::new(
                format!(
                    "menolak menulis ke {}: bukan berkas biasa, pipa, atau perangkat karakter",
                    path.display()
                ),
                format!(
                    "refusing to write to {}: not a regular file, a pipe or a character device",
                    path.display()
                ),
            ),
            WriteError::Io { path, source } => {
                let why = os_error(source);
                Text::new(
                    format!("tidak dapat menulis {}: {}", path.display(), why.id),
                    format!("cannot write {}: {}", path.display(), why.en),
                )
            }
        }
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder, refusing to replace any
/// of `inputs`.
pub fn write_atomic(path: &Path, bytes: &[u8], inputs: &[PathBuf]) -> Result<(), WriteError> {
    write_atomic_with(path, inputs, |w| w.write_all(bytes))
}

/// The buffered temporary file that [`write_atomic_with`] hands to its writer.
pub type Sink<'f> = BufWriter<&'f std::fs::File>;

/// Like [`write_atomic`], but `fill` streams the content into the temporary file, so an output
/// of a gigabyte (a national `results.json`) never has to be held in memory whole. Whatever
/// `fill` returns is passed back; if it fails, nothing replaces `path`.
pub fn write_atomic_with<T>(
    path: &Path,
    inputs: &[PathBuf],
    fill: impl FnOnce(&mut Sink<'_>) -> std::io::Result<T>,
) -> Result<T, WriteError> {
    let io = |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Ok(target) = path.canonicalize()
        && inputs
            .iter()
            .any(|i| i.canonicalize().is_ok_and(|i| i == target))
    {
        return Err(WriteError::WouldOverwriteInput(path.to_path_buf()));
    }
    // A pipe or a character device (`-o /dev/null`, `-o >(gzip)`) is written in place: renaming
    // a file over it would replace it with a regular file.
    let existing = std::fs::metadata(path).ok();
    if let Some(meta) = &existing
        && !meta.is_file()
    {
        if !written_in_place(meta) {
            return Err(WriteError::NotAFile(path.to_path_buf()));
        }
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(io)?;
        let mut sink = BufWriter::with_capacity(SINK_BUFFER, &file);
        let value = fill(&mut sink).map_err(io)?;
        sink.flush().map_err(io)?;
        return Ok(value);
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let tmp = temp_builder().tempfile_in(dir).map_err(io)?;
    let mut sink = BufWriter::with_capacity(SINK_BUFFER, tmp.as_file());
    let value = fill(&mut sink).map_err(io)?;
    sink.flush().map_err(io)?;
    drop(sink);
    // A file replaced keeps its mode; a new one has the mode any program's new file has (readable
    // by all unless the umask says otherwise), set when the temporary file was made.
    if let Some(meta) = &existing {
        tmp.as_file()
            .set_permissions(meta.permissions())
            .map_err(io)?;
    }
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(value)
}

/// The temporary files behind atomic writes: named `.tmp…` (hidden, and recognised as left over
/// by a killed run), made with mode 0666 less the umask, as any program's new file.
pub(crate) fn temp_builder() -> tempfile::Builder<'static, 'static> {
    let mut b = tempfile::Builder::new();
    b.prefix(TEMP_PREFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(std::fs::Permissions::from_mode(0o666));
    }
    b
}

/// How the temporary files of atomic writes are named.
pub(crate) const TEMP_PREFIX: &str = ".tmp";

/// Whether an output that exists and is not a regular file is written in place.
#[cfg(unix)]
fn written_in_place(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    t.is_fifo() || t.is_char_device()
}

#[cfg(not(unix))]
fn written_in_place(_: &std::fs::Metadata) -> bool {
    false
}

/// Bytes gathered before each write to the file: a gigabyte goes out in some sixteen thousand
/// system calls rather than millions of small ones.
const SINK_BUFFER: usize = 64 * 1024;

/// Text that a spreadsheet would run as a formula (leading `=`, `+`, `-`, `@`, tab or carriage
/// return) gets a leading apostrophe, so it is shown, never evaluated.
pub fn neutralize_formula(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}").into(),
        _ => text.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(
            neutralize_formula("=HYPERLINK(\"x\")"),
            "'=HYPERLINK(\"x\")"
        );
        assert_eq!(neutralize_formula("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralize_formula("Kota Bandung"), "Kota Bandung");
    }

    #[test]
    fn atomic_write_refuses_inputs() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.csv");
        std::fs::write(&input, "keep").unwrap();
        let err = write_atomic(&input, b"x", std::slice::from_ref(&input)).unwrap_err();
        assert!(matches!(err, WriteError::WouldOverwriteInput(_)));
        assert_eq!(std::fs::read_to_string(&input).unwrap(), "keep");
        let out = dir.path().join("out.csv");
        write_atomic(&out, b"new", std::slice::from_ref(&input)).unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&out).unwrap().permissions().mode();
            assert_eq!(mode & 0o044, 0o044, "outputs are readable by all");
            std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o600)).unwrap();
            write_atomic(&out, b"newer", &[]).unwrap();
            let mode = std::fs::metadata(&out).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "a file replaced keeps its mode");
            assert!(matches!(
                write_atomic(dir.path(), b"x", &[]),
                Err(WriteError::NotAFile(_))
            ));
        }
    }
}
