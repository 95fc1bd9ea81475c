namespace Netcode.Wire;

/// <summary>
/// Event types the library itself uses. They all start with <see cref="Prefix"/>, which a game may not use:
/// the server drops a client's event with that prefix, so nobody can forge one.
/// </summary>
public static class LibraryEvents
{
    public const string Prefix = "_netcode_";

    /// <summary>
    /// Server → an address it will not admit: <c>[reason, temporary]</c>. Our client's connect fails with the
    /// reason; temporary (a rate was exceeded, not a cap reached) means trying again shortly may work.
    /// </summary>
    public const string Refused = Prefix + "refused";

    /// <summary>Server → its own game loop (never on the wire): the client at this address timed out and is gone.</summary>
    public const string ClientGone = Prefix + "client_gone";

    public static bool IsReserved(string type) => type.StartsWith(Prefix, StringComparison.Ordinal);
}
