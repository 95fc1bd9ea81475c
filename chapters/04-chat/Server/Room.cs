using System.Text;
using Course.Cli;

namespace Chat;

/// <summary>
/// Who is in the chat, by nickname, and the broadcast. Joins, renames and leaves take a lock; a broadcast
/// does not: it walks an immutable snapshot of the members, replaced whole on every join and leave.
/// </summary>
public sealed class Room(Log log, bool announce = true)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ChatSession> _byNick = new(Nickname.Comparer);
    private ChatSession[] _members = [];
    private int _guests;

    /// <summary>Set while the server stops: nobody needs to hear that everybody else is leaving.</summary>
    public bool ShuttingDown { get; set; }

    public int Count => Volatile.Read(ref _members).Length;

    /// <summary>The members right now. The array is never changed, so it is safe to walk without the lock.</summary>
    public IReadOnlyList<ChatSession> Members => Volatile.Read(ref _members);

    /// <summary>
    /// Adds <paramref name="session"/> under a fresh guest name, unless the room already has
    /// <paramref name="maxClients"/>. The welcome line is queued before the session becomes visible to
    /// broadcasts, so it is always the first line the client receives.
    /// </summary>
    public bool TryJoin(ChatSession session, int maxClients)
    {
        lock (_gate)
        {
            if (_byNick.Count >= maxClients) return false;
            string nick;
            do nick = $"guest{++_guests}"; while (_byNick.ContainsKey(nick));
            session.Nick = nick;
            session.Tell($"* welcome, {nick}! /help lists the commands, /nick <name> picks your name.");
            _byNick.Add(nick, session);
            _members = [.. _members, session];
        }
        if (log.Enabled) log.Line($"{session.Peer} joined as {session.Nick} ({Count} here)");
        if (announce) Broadcast($"* {session.Nick} joined", except: session);
        return true;
    }

    /// <summary>Renames a member; returns null on success, or what is wrong with the name.</summary>
    public string? Rename(ChatSession session, string newNick)
    {
        if (Nickname.Problem(newNick) is { } problem) return problem;
        string oldNick;
        lock (_gate)
        {
            oldNick = session.Nick;
            // "bob" may become "Bob": the only clash allowed is with yourself.
            if (_byNick.TryGetValue(newNick, out ChatSession? owner) && owner != session)
                return $"the nickname {newNick} is taken";
            _byNick.Remove(oldNick);
            _byNick.Add(newNick, session);
            session.Nick = newNick;
        }
        log.Line($"{oldNick} is now {newNick}");
        Broadcast($"* {oldNick} is now {newNick}");
        return null;
    }

    /// <summary>Removes a member and tells the others why it left.</summary>
    public void Leave(ChatSession session, string reason)
    {
        lock (_gate)
        {
            if (!_byNick.TryGetValue(session.Nick, out ChatSession? found) || found != session) return;
            _byNick.Remove(session.Nick);
            _members = Array.FindAll(_members, m => m != session);
        }
        // During shutdown the clients leave in no particular order; the server logs the total instead.
        if (!ShuttingDown) log.Line($"{session.Nick} left ({reason}), {Count} here");
        if (announce && !ShuttingDown) Broadcast($"* {session.Nick} left ({reason})");
    }

    public ChatSession? Find(string nick)
    {
        lock (_gate) return _byNick.GetValueOrDefault(nick);
    }

    public string[] Nicknames()
    {
        lock (_gate) return [.. _byNick.Keys.Order(Nickname.Comparer)];
    }

    /// <summary>
    /// Sends one line to every member (but <paramref name="except"/>). The line is encoded once and the
    /// same bytes are queued in every outbox. Nothing here waits: a full outbox disconnects its owner
    /// (see <see cref="ChatSession.Post"/>) and the loop goes on.
    /// </summary>
    public void Broadcast(string line, ChatSession? except = null)
    {
        byte[] bytes = Encode(line);
        foreach (ChatSession member in Volatile.Read(ref _members))
            if (member != except) member.Post(bytes);
    }

    public static byte[] Encode(string line) => Encoding.UTF8.GetBytes(line + "\n");
}
