namespace Pickling;

/// <summary>
/// The only exception reading a stream can throw for bad input, whatever is wrong with it: truncated, a
/// bad opcode, an unknown type, a length over a limit, a value of the wrong type. It says where: the byte
/// offset from the start of the stream, which is also where <c>dis</c> shows the culprit.
/// </summary>
public sealed class PickleFormatException(long offset, string problem)
    : Exception($"{problem} (at byte {offset})")
{
    /// <summary>Offset of the byte where reading went wrong, counted from the stream's first byte.</summary>
    public long Offset { get; } = offset;

    /// <summary>The message without the offset.</summary>
    public string Problem { get; } = problem;
}
