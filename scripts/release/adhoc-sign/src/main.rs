//! `cliq-adhoc-sign <in> <out>`: rewrites the Mach-O executable `<in>` with an ad-hoc code signature (a
//! CodeDirectory of SHA-256 page hashes, no certificate) into `<out>`. Apple silicon refuses to start an unsigned
//! or wrongly signed executable; an ad-hoc signature is the least it accepts. The input must already carry an
//! LC_CODE_SIGNATURE load command (Node's official binaries do; postject keeps it), whose space is reused.
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: cliq-adhoc-sign <mach-o in> <mach-o out>");
        return ExitCode::from(2);
    }
    match sign(&args[1], &args[2]) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("cliq-adhoc-sign: {}: {}", args[1], message);
            ExitCode::FAILURE
        }
    }
}

fn sign(input: &str, output: &str) -> Result<(), String> {
    let data = std::fs::read(input).map_err(|e| e.to_string())?;
    let signer = apple_codesign_adhoc::MachoSigner::new(data).map_err(|e| e.to_string())?;
    let file = std::fs::File::create(output).map_err(|e| e.to_string())?;
    let mut writer = std::io::BufWriter::new(file);
    signer.sign(&mut writer).map_err(|e| e.to_string())?;
    std::io::Write::flush(&mut writer).map_err(|e| e.to_string())
}
