import CRMSyntax
import Foundation
import HalyardModel

/// Turns text an operator wrote (crmsh syntax or CIB XML) into a configuration.
public enum ConfigurationText {
    /// Whether the text is XML (its first non-blank character is `<`).
    public static func looksLikeXML(_ text: String) -> Bool {
        text.first(where: { !$0.isWhitespace }) == "<"
    }

    /// Applies crmsh-syntax text to `configuration` (`replacing`: the text is the whole configuration).
    public static func applyCRM(_ text: String, to configuration: Configuration, replacing: Bool) throws(AdminError) -> Configuration {
        let statements: [CRMStatement]
        do {
            statements = try CRMParser.parse(text)
        } catch {
            throw AdminError("syntax error at \(error)")
        }
        do {
            return try CRMAssembler.apply(statements, to: configuration, replacing: replacing)
        } catch {
            throw AdminError("\(error)")
        }
    }

    /// Applies a CIB or `<configuration>` XML document to `configuration`.
    public static func applyXML(_ data: Data, to configuration: Configuration, replacing: Bool) throws(AdminError) -> Configuration {
        let update: Configuration
        do {
            update = try CIBDecoder.decodeConfiguration(data)
        } catch {
            throw AdminError("\(error)")
        }
        return replacing ? update : ConfigurationMerge.merge(update, into: configuration)
    }

    /// Applies text in either syntax, choosing by its first character unless `forceXML`.
    public static func apply(_ text: String, to configuration: Configuration, replacing: Bool, forceXML: Bool = false) throws(AdminError) -> Configuration {
        if forceXML || looksLikeXML(text) {
            return try applyXML(Data(text.utf8), to: configuration, replacing: replacing)
        }
        return try applyCRM(text, to: configuration, replacing: replacing)
    }
}
