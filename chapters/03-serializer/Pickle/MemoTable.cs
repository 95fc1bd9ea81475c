using System.Runtime.CompilerServices;

namespace Pickling;

/// <summary>
/// The writer's memo: which lists, dictionaries and records this stream has written, and the number
/// each one got. Objects are compared by reference (two equal players are still two players), so the
/// table hashes the object's identity, not its contents.
/// </summary>
/// <remarks>
/// A <c>Dictionary&lt;object, int&gt;</c> with <see cref="ReferenceEqualityComparer"/> does the same job;
/// this table exists because the writer asks it once for every record, and a game snapshot is mostly
/// records. It is a plain open-addressing table: two arrays, a mask instead of a division, a linear
/// probe, no comparer behind an interface. Numbers are handed out in order, so the objects are kept in
/// an array indexed by number, and the hash table only stores "number + 1" (0 is an empty slot).
/// </remarks>
internal sealed class MemoTable
{
    private const int SmallestTable = 256;

    private object?[] _objects = new object?[SmallestTable / 2];
    private int[] _slots = new int[SmallestTable];
    private int _count;

    /// <summary>How many objects have a number: the next number to give.</summary>
    public int Count => _count;

    /// <summary>The number <paramref name="value"/> got earlier in this stream; or, if it is new, -1
    /// after giving it the next number.</summary>
    public int FindOrAdd(object value)
    {
        int[] slots = _slots;
        int mask = slots.Length - 1;
        int slot = RuntimeHelpers.GetHashCode(value) & mask;
        for (int entry = slots[slot]; entry != 0; entry = slots[slot])
        {
            if (ReferenceEquals(_objects[entry - 1], value)) return entry - 1;
            slot = (slot + 1) & mask;
        }

        if (_count == _objects.Length) Array.Resize(ref _objects, _count * 2);
        _objects[_count] = value;
        slots[slot] = ++_count;
        // Keep the table at most half full, so a probe rarely walks more than a slot or two.
        if (_count * 2 > slots.Length) Rehash(slots.Length * 2);
        return -1;
    }

    /// <summary>Forgets every object (a new stream starts numbering from 0) and lets them be collected.</summary>
    public void Clear()
    {
        Array.Clear(_objects, 0, _count);
        // A table that grew for one huge message shrinks back, so later small messages do not pay for
        // clearing it.
        if (_slots.Length > 4 * Math.Max(2 * _count, SmallestTable)) _slots = new int[SmallestTable];
        else Array.Clear(_slots);
        _count = 0;
    }

    private void Rehash(int size)
    {
        var slots = new int[size];
        int mask = size - 1;
        for (int number = 0; number < _count; number++)
        {
            int slot = RuntimeHelpers.GetHashCode(_objects[number]!) & mask;
            while (slots[slot] != 0) slot = (slot + 1) & mask;
            slots[slot] = number + 1;
        }
        _slots = slots;
    }
}
