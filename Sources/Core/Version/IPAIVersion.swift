/// The version of this IPAI build, recorded in model files and shown by `ipai --version`.
public enum IPAIVersion {
    public static let current = "0.1.0"
}
