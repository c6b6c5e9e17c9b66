/// Placeholder until the parser lands.
enum CRMSyntaxPlaceholder {}
