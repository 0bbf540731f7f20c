/// The tool's version, written into every manifest so a dataset says what made it.
public enum AssayVersion {
    public static let current = "0.1.0"
}
