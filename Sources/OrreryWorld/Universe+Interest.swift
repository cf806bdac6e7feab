extension Universe {
    /// Recomputes every observer's visible set and writes its events for this tick into the event buffer.
    mutating func updateViews() {
        eventBuffer.removeAll(keepingCapacity: true)
        for index in observers.indices {
            let start = eventBuffer.count
            let shape = refreshView(of: index)
            scratch.gather(shape, in: world)
            scratch.merge(old: observers[index].visible, shape: shape, world: world)
            scratch.emit(into: &eventBuffer, world: world)
            swap(&observers[index].visible, &scratch.newVisible)
            observers[index].eventStart = start
            observers[index].eventCount = eventBuffer.count - start
        }
    }

    /// Reports a changed avatar, moves a player's centre to its avatar and returns the observer's view shape.
    private mutating func refreshView(of index: Int) -> ViewShape {
        let observer = observers[index]
        if let view = observer.spectatorView { return shape(of: view) }
        let avatar = world.avatar(of: observer.id) ?? 0
        if observer.reportedAvatar != avatar {
            eventBuffer.append(.avatar(entityID: avatar))
            observers[index].reportedAvatar = avatar
        }
        if avatar != 0, let state = world.entity(avatar) {
            observers[index].centreX = state.x
            observers[index].centreY = state.y
        }
        return circle(x: observers[index].centreX, y: observers[index].centreY)
    }

    /// The view shape of a circle around (x, y) with the configured radius and hysteresis.
    func circle(x: Int32, y: Int32) -> ViewShape {
        let enter = Int64(config.viewRadius)
        let leave = Int64(config.leaveRadius)
        return .circle(x: Int64(x), y: Int64(y), radius: leave, enter: enter * enter, leave: leave * leave)
    }

    /// The view shape of a spectator's view.
    func shape(of view: SpectatorView) -> ViewShape {
        switch view {
        case .wholeWorld:
            return .whole
        case .rectangle(let minX, let minY, let maxX, let maxY):
            let inner = ViewShape.Bounds(minX: Int64(minX), minY: Int64(minY), maxX: Int64(maxX), maxY: Int64(maxY))
            let margin = Int64(config.hysteresis)
            let outer = ViewShape.Bounds(minX: inner.minX - margin, minY: inner.minY - margin,
                                         maxX: inner.maxX + margin, maxY: inner.maxY + margin)
            return .rectangle(inner: inner, outer: outer)
        }
    }
}
