namespace Chat;

/// <summary>What a nickname may look like. Nicknames are compared without case: "Bob" and "bob" clash.</summary>
public static class Nickname
{
    public const int MaxLength = 16;

    public static readonly StringComparer Comparer = StringComparer.OrdinalIgnoreCase;

    /// <summary>Null when <paramref name="name"/> is acceptable, otherwise why not (one line for the user).</summary>
    public static string? Problem(string name)
    {
        if (name.Length == 0) return "a nickname cannot be empty";
        if (name.Length > MaxLength) return $"a nickname has at most {MaxLength} characters";
        // Letters, digits, '_' and '-' only: no spaces (they would break /msg), no look-alike punctuation.
        foreach (char c in name)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
                return "a nickname may use only letters a-z, digits, '_' and '-'";
        return null;
    }
}
