namespace Snake.Chat;

/// <summary>
/// The seam between one server and the others that run the same game. Chapter 05's server runs alone
/// and has no relay: a chat line reaches the players of that server and stops there. Chapter 06 plugs in
/// a relay that carries chat lines and scoreboards between servers through Redis, so players who a load
/// balancer sent to different servers still share them.
/// </summary>
/// <remarks>
/// A relay runs beside the game, never inside it: <see cref="Publish"/> is called on a player's receive
/// loop and must return at once and never throw. A relay whose link is down logs it and carries on; the
/// server keeps serving its own players either way.
/// </remarks>
public interface IServerRelay : IAsyncDisposable
{
    /// <summary>
    /// Starts relaying, before the server takes players. What other servers send goes to
    /// <paramref name="here"/>, which also says this server's name and what its players have scored.
    /// </summary>
    Task StartAsync(ServerChat here, CancellationToken cancel);

    /// <summary>A player of this server said <paramref name="line"/>; this server's players already have it.</summary>
    void Publish(ChatLine line);
}
