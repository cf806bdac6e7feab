import Testing
@testable import OrreryWorld

/// Entity properties, private player state and universe state: who gets which value when.
@Suite struct GameStateTests {
    private func scene() throws -> (Universe, near: UInt32, far: UInt32, spectator: UInt32, blob: UInt32) {
        try featureScene(spectating: .wholeWorld)
    }

    private func stateEvents(_ universe: Universe, _ observer: UInt32) -> [ViewEvent] {
        universe.events(for: observer).filter { modelGroup(of: $0) >= 5 }
    }

    @Test func anEntityPropertyReachesExactlyTheObserversThatSeeTheEntity() throws {
        var (universe, near, far, spectator, blob) = try scene()
        #expect(universe.world.setProperty(Feature.hp, of: blob, to: .int(42)) == true)
        #expect(universe.world.property(Feature.hp, of: blob) == .int(42))
        universe.step()
        let expected: [ViewEvent] = [.properties(id: blob, changed: PropertyMask(rawValue: 0b1))]
        #expect(Array(universe.events(for: near)) == expected)
        #expect(Array(universe.events(for: spectator)) == expected)
        #expect(universe.events(for: far).isEmpty)
        #expect(universe.property(Feature.hp, of: blob) == .int(42))

        // The far player gets the value only with the entity's appearance, as a non-default property.
        universe.world.teleport(blob, x: 11_000, y: 10_000)
        universe.world.setProperty(Feature.name, of: blob, to: .string("bob"))
        universe.step()
        #expect(universe.events(for: far) == [.appeared(universe.entity(blob)!)])
        #expect(Array(universe.nonDefaultProperties(of: blob)) == [0, 1])
        #expect(universe.events(for: near) == [.disappeared(id: blob)])
        #expect(universe.events(for: spectator) == [.changed(universe.entity(blob)!.motion),
                                                    .properties(id: blob, changed: PropertyMask(rawValue: 0b10))])
    }

    @Test func anEntityAppearingAndChangingInOneTickIsOnlyAppeared() throws {
        var (universe, near, _, _, _) = try scene()
        let fresh = universe.world.spawn(kind: 1, x: 49_000, y: 50_000, radius: 10)
        universe.world.setProperty(Feature.tag, of: fresh, to: .bytes([1, 2]))
        universe.world.setProperty(Feature.hp, of: fresh, to: .int(3))
        universe.step()
        #expect(universe.events(for: near) == [.appeared(universe.entity(fresh)!)])
        #expect(Array(universe.nonDefaultProperties(of: fresh)) == [0, 2])
        #expect(universe.property(Feature.tag, of: fresh) == .bytes([1, 2]))
    }

    @Test func settingTheCurrentValueIsNoChangeAndOnlyChangedIndexesAreListed() throws {
        var (universe, near, _, _, blob) = try scene()
        #expect(universe.world.setProperty(Feature.hp, of: blob, to: .int(0)) == true)
        #expect(universe.world.setProperty(Feature.name, of: blob, to: .string("")) == true)
        #expect(universe.world.setUniverseState(Feature.round, to: .int(0)) == true)
        #expect(universe.world.setPlayerState(Feature.ammo, of: near, to: .int(0)) == true)
        universe.step()
        #expect(universe.events(for: near).isEmpty)
        universe.world.setProperty(Feature.tag, of: blob, to: .bytes([9]))
        universe.world.setProperty(Feature.hp, of: blob, to: .int(-1))
        universe.step()
        #expect(universe.events(for: near) == [.properties(id: blob, changed: PropertyMask(rawValue: 0b101))])
        universe.world.setProperty(Feature.tag, of: blob, to: .bytes([9]))
        universe.step()
        #expect(universe.events(for: near).isEmpty)
    }

    @Test func aStringChangeIsAChangeOfBytesNotOfCanonicalEquivalence() throws {
        var (universe, near, _, _, blob) = try scene()
        universe.world.setProperty(Feature.name, of: blob, to: .string("caf\u{E9}"))
        universe.step()
        universe.world.setProperty(Feature.name, of: blob, to: .string("cafe\u{301}"))
        universe.step()
        #expect(universe.events(for: near) == [.properties(id: blob, changed: PropertyMask(rawValue: 0b10))])
        #expect(universe.property(Feature.name, of: blob)?.string.map { Array($0.utf8) } == Array("cafe\u{301}".utf8))
        #expect(PropertyValue.string("caf\u{E9}") != .string("cafe\u{301}"))
        #expect(Set([PropertyValue.string("caf\u{E9}"), .string("cafe\u{301}"), .string("caf\u{E9}")]).count == 2)
    }

    @Test func privateStateGoesOnlyToItsPlayer() throws {
        var (universe, near, far, spectator, _) = try scene()
        #expect(universe.world.setPlayerState(Feature.secret, of: near, to: .bytes([1, 2, 3, 4])) == true)
        universe.step()
        #expect(universe.events(for: near) == [.playerState(changed: PropertyMask(rawValue: 0b10))])
        #expect(universe.events(for: far).isEmpty && universe.events(for: spectator).isEmpty)
        #expect(universe.playerState(Feature.secret, of: near) == .bytes([1, 2, 3, 4]))
        #expect(universe.playerState(Feature.secret, of: far) == .bytes([]))
        #expect(universe.snapshot(for: near)?.playerState == [.int(0), .bytes([1, 2, 3, 4])])
        #expect(universe.snapshot(for: far)?.playerState == [.int(0), .bytes([])])
        #expect(universe.snapshot(for: spectator)?.playerState == [])
    }

    @Test func universeStateGoesToEveryObserver() throws {
        var (universe, near, far, spectator, _) = try scene()
        #expect(universe.world.setUniverseState(Feature.leader, to: .string("near")) == true)
        universe.step()
        let expected: [ViewEvent] = [.universeState(changed: PropertyMask(rawValue: 0b10))]
        #expect(Array(universe.events(for: near)) == expected && Array(universe.events(for: far)) == expected)
        #expect(Array(universe.events(for: spectator)) == expected)
        #expect(universe.universeState(Feature.leader) == .string("near"))
    }

    @Test func aNewObserversFirstUpdateCarriesEveryNonDefaultPrivateAndUniverseValue() throws {
        var (universe, near, _, _, _) = try scene()
        universe.world.setUniverseState(Feature.round, to: .int(5))
        universe.step()
        let late = universe.join()
        universe.world.setPlayerState(Feature.ammo, of: late, to: .int(3))
        let watcher = universe.addSpectator(.rectangle(minX: 0, minY: 0, maxX: 10, maxY: 10))
        universe.step()
        #expect(stateEvents(universe, late) == [.playerState(changed: PropertyMask(rawValue: 0b01)),
                                                .universeState(changed: PropertyMask(rawValue: 0b01))])
        #expect(universe.events(for: watcher) == [.universeState(changed: PropertyMask(rawValue: 0b01))])
        #expect(universe.events(for: near).isEmpty)
        universe.step()
        #expect(universe.events(for: late).isEmpty && universe.events(for: watcher).isEmpty)
    }

    @Test func badValuesAreRefusedAndChangeNothing() throws {
        var (universe, near, _, spectator, blob) = try scene()
        let world = universe.world
        #expect(universe.world.setProperty(Feature.hp, of: blob, to: .string("x")) == false)
        #expect(universe.world.setProperty(Feature.name, of: blob, to: .string("ninechars")) == false)
        #expect(universe.world.setProperty(Feature.tag, of: blob, to: .bytes([1, 2, 3, 4, 5])) == false)
        #expect(universe.world.setProperty(EntityProperty(index: 3), of: blob, to: .int(1)) == false)
        #expect(universe.world.setProperty(Feature.hp, of: 999, to: .int(1)) == false)
        #expect(universe.world.setPlayerState(Feature.ammo, of: spectator, to: .int(1)) == false)
        #expect(universe.world.setPlayerState(PlayerProperty(index: 2), of: near, to: .int(1)) == false)
        #expect(universe.world.setPlayerState(Feature.secret, of: near, to: .int(1)) == false)
        #expect(universe.world.setUniverseState(Feature.round, to: .bytes([])) == false)
        #expect(universe.world.setUniverseState(UniverseProperty(index: 9), to: .int(1)) == false)
        #expect(universe.world.property(EntityProperty(index: 3), of: blob) == nil)
        #expect(universe.world.property(Feature.hp, of: 999) == nil && universe.world.universeState(UniverseProperty(index: 2)) == nil)
        #expect(universe.world.playerState(Feature.ammo, of: spectator) == nil)
        universe.step()
        #expect(universe.events(for: near).isEmpty && universe.events(for: spectator).isEmpty)
        #expect(world.property(Feature.hp, of: blob) == universe.world.property(Feature.hp, of: blob))
    }

    @Test func propertiesFollowTheirEntityThroughCompaction() throws {
        var (universe, near, _, _, blob) = try scene()
        let doomed = universe.world.spawn(kind: 1, x: 51_000, y: 51_000, radius: 10)
        let survivor = universe.world.spawn(kind: 1, x: 51_500, y: 51_000, radius: 10)
        universe.world.setProperty(Feature.name, of: doomed, to: .string("doomed"))
        universe.world.setProperty(Feature.name, of: survivor, to: .string("alive"))
        universe.world.setProperty(Feature.hp, of: blob, to: .int(7))
        universe.step()
        universe.world.destroy(doomed, reason: .shot)
        universe.world.destroy(blob, reason: .shot)
        universe.step()
        #expect(universe.world.property(Feature.name, of: survivor) == .string("alive"))
        #expect(universe.world.property(Feature.name, of: doomed) == nil)
        let later = universe.world.spawn(kind: 1, x: 51_800, y: 51_000, radius: 10)
        #expect(universe.world.property(Feature.name, of: later) == .string(""))
        universe.step()
        let snapshot = universe.snapshot(for: near)!
        #expect(snapshot.entities.map(\.id) == universe.visibleEntityIDs(of: near))
        let named = zip(snapshot.entities, snapshot.entityProperties).map { ($0.id, $1[1]) }
        #expect(named.first { $0.0 == survivor }?.1 == .string("alive"))
        #expect(named.first { $0.0 == later }?.1 == .string(""))
        #expect(snapshot.entityProperties.allSatisfy { $0.count == 3 })
    }

    @Test func aSnapshotHoldsEverythingTheObserverMaySee() throws {
        var (universe, near, far, spectator, blob) = try scene()
        universe.world.setProperty(Feature.hp, of: blob, to: .int(9))
        universe.world.setPlayerState(Feature.ammo, of: far, to: .int(4))
        universe.world.setUniverseState(Feature.leader, to: .string("x"))
        universe.step()
        let nearView = universe.snapshot(for: near)!
        #expect(nearView.entities.contains(universe.entity(blob)!))
        let blobIndex = nearView.entities.firstIndex { $0.id == blob }!
        #expect(nearView.entityProperties[blobIndex] == [.int(9), .string(""), .bytes([])])
        #expect(nearView.playerState == [.int(0), .bytes([])])
        #expect(nearView.universeState == [.int(0), .string("x")])
        let farView = universe.snapshot(for: far)!
        #expect(!farView.entities.contains { $0.id == blob })
        #expect(farView.playerState == [.int(4), .bytes([])] && farView.universeState == nearView.universeState)
        let all = universe.snapshot(for: spectator)!
        #expect(all.entities.count == universe.world.entityCount && all.entityProperties.count == all.entities.count)
    }

    @Test func aGameWithoutPropertiesHasEmptyStateEverywhere() throws {
        var universe = try inertUniverse()
        let player = universe.join()
        let id = universe.world.spawn(kind: 1, x: 50_000, y: 50_000, radius: 10)
        universe.world.setAvatar(of: player, to: id)
        #expect(universe.world.setProperty(EntityProperty(index: 0), of: id, to: .int(1)) == false)
        universe.step()
        let snapshot = universe.snapshot(for: player)!
        #expect(snapshot.entityProperties == [[]] && snapshot.playerState == [] && snapshot.universeState == [])
        #expect(universe.nonDefaultProperties(of: id).isEmpty)
        #expect(universe.events(for: player).allSatisfy { modelGroup(of: $0) < 5 })
    }
}
