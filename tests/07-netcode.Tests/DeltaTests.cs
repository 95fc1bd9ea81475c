using Netcode.State;
using Netcode.Wire;

namespace Netcode.Tests;

/// <summary>Deltas: nested maps merge, everything else replaces, the marker deletes; merging shares nothing.</summary>
public sealed class DeltaTests
{
    private static GameStateUpdate Update(ushort order, params (string Key, object? Value)[] changes) =>
        GameStateUpdate.From(new Sqn(order), changes.Select(c => new KeyValuePair<string, object?>(c.Key, c.Value)));

    [Fact]
    public void Nested_maps_merge_scalars_and_arrays_replace_the_marker_deletes()
    {
        var state = new GameState([
            new("players", new StateMap { [1L] = "ann", [2L] = "bob" }),
            new("path", new List<object?> { 1L, 2L, 3L }),
            new("score", 10L),
            new("old", true),
        ]);
        state.Apply(Update(1,
            ("players", new StateMap { [2] = "bea", [3] = "cy" }), // int keys find the long ones
            ("path", new List<object?> { 9L }),
            ("score", 11.5),
            ("old", ToDelete.Instance)));

        var players = (StateMap)state["players"]!;
        Assert.Equal(["ann", "bea", "cy"], players.OrderBy(p => (long)p.Key).Select(p => p.Value));
        Assert.Equal([9L], (List<object?>)state["path"]!);
        Assert.Equal(11.5, state.Get<double>("score"));
        Assert.False(state.Has("old"));
        Assert.Equal(new Sqn(1), state.TimeOrder);
    }

    [Fact]
    public void An_update_that_is_not_newer_is_ignored()
    {
        var state = new GameState([new("x", 1L)]);
        Assert.True(state.Apply(Update(5, ("x", 5L))));
        Assert.False(state.Apply(Update(4, ("x", 4L))));
        Assert.False(state.Apply(Update(5, ("x", 6L))));
        Assert.Equal(5L, state["x"]);
    }

    [Fact]
    public void Merging_updates_keeps_the_delete_marker_and_later_values_win()
    {
        GameStateUpdate merged = Update(1, ("a", 1L), ("m", new StateMap { ["x"] = 1L }))
            .Then(Update(2, ("a", ToDelete.Instance), ("m", new StateMap { ["y"] = 2L })))
            .Then(Update(3, ("m", new StateMap { ["x"] = ToDelete.Instance })));
        Assert.Equal(new Sqn(3), merged.TimeOrder);
        Assert.Same(ToDelete.Instance, merged.Changes["a"]);
        var m = (StateMap)merged.Changes["m"]!;
        Assert.Same(ToDelete.Instance, m["x"]);
        Assert.Equal(2L, m["y"]);
    }

    [Fact]
    public void Merging_never_changes_the_updates_it_merged()
    {
        // PyGaSe keeps references to cached nested maps and later merges write into them.
        GameStateUpdate first = Update(1, ("m", new StateMap { ["x"] = 1L }));
        _ = first.Then(Update(2, ("m", new StateMap { ["y"] = 2L })));
        Assert.Single((StateMap)first.Changes["m"]!);
    }

    [Fact]
    public void Reserved_keys_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Update(1, ("time_order", 3L)));
        Assert.Throws<ArgumentException>(() => Update(1, ("data", 3L)));
    }

    [Fact]
    public void A_client_behind_the_cache_gets_a_full_snapshot_not_a_partial_delta()
    {
        var store = new GameStateStore(new GameState([new("early", "set once"), new("n", 0L)]));
        for (ushort i = 1; i <= 150; i++) store.PushUpdate(Update(i, ("n", (long)i)));

        GameStateUpdate recent = store.DeltaSince(new Sqn(140), out bool snapshot);
        Assert.False(snapshot);
        Assert.Equal(["n"], recent.Changes.Keys);

        GameStateUpdate behind = store.DeltaSince(new Sqn(20), out snapshot); // updates 21..50 left the cache
        Assert.True(snapshot);
        Assert.Equal("set once", behind.Changes["early"]);
        Assert.Equal(150L, behind.Changes["n"]);

        GameStateUpdate fresh = store.DeltaSince(Sqn.None, out snapshot); // a late joiner: everything
        Assert.True(snapshot);
        Assert.Equal(2, fresh.Changes.Count);
    }

    [Fact]
    public void A_big_update_is_split_into_chunks_that_each_fit_and_together_rebuild_it()
    {
        var players = new StateMap();
        for (long id = 0; id < 300; id++) players[id] = new List<object?> { id * 1.5, id * 2.5 };
        GameStateUpdate big = Update(7, ("players", players), ("title", "arena"));
        Assert.True(big.Encode().Length > Packages.MaxSize);

        List<GameStateUpdate> chunks = UpdateSplitter.Split(big, Peers.Server.UpdateBudget);
        Assert.All(chunks, c => Assert.True(c.Encode().Length <= Peers.Server.UpdateBudget));
        var state = new GameState();
        ushort label = 1;
        foreach (GameStateUpdate chunk in chunks)
        {
            chunk.TimeOrder = new Sqn(label++);
            state.Apply(GameStateUpdate.Decode(chunk.Encode()));
        }
        Assert.Equal(300, ((StateMap)state["players"]!).Count);
        Assert.Equal("arena", state["title"]);
    }
}
