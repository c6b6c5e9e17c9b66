/// A cluster node in the `nodes` section, with its permanent attributes (e.g. `standby`).
public struct Node: Hashable, Sendable {
    public var id: String
    public var uname: String
    /// `member` (default), `remote`, `ping`.
    public var type: String?
    public var score: Score?
    public var description: String?
    public var instanceAttributes: [AttributeSet]
    public var utilization: [AttributeSet]

    public init(id: String, uname: String, type: String? = nil, score: Score? = nil, description: String? = nil,
                instanceAttributes: [AttributeSet] = [], utilization: [AttributeSet] = []) {
        self.id = id
        self.uname = uname
        self.type = type
        self.score = score
        self.description = description
        self.instanceAttributes = instanceAttributes
        self.utilization = utilization
    }

    /// The permanent `standby` attribute, when set to a true value.
    public var isStandby: Bool { Boolean.parse(instanceAttributes.firstValue("standby")) ?? false }
}

/// One fencing level: the devices that must all succeed, tried in `index` order per target.
public struct FencingLevel: Hashable, Sendable {
    public var id: String
    public var target: String?
    public var targetPattern: String?
    public var targetAttribute: String?
    public var targetValue: String?
    public var index: Int
    public var devices: [String]

    public init(id: String, target: String? = nil, targetPattern: String? = nil, targetAttribute: String? = nil,
                targetValue: String? = nil, index: Int, devices: [String]) {
        self.id = id
        self.target = target
        self.targetPattern = targetPattern
        self.targetAttribute = targetAttribute
        self.targetValue = targetValue
        self.index = index
        self.devices = devices
    }
}

/// An alert agent (`<alert>`) and its recipients.
public struct Alert: Hashable, Sendable {
    /// One `<recipient>` of an alert.
    public struct Recipient: Hashable, Sendable {
        public var id: String
        public var value: String
        public var description: String?
        public var instanceAttributes: [AttributeSet]
        public var metaAttributes: [AttributeSet]

        public init(id: String, value: String, description: String? = nil,
                    instanceAttributes: [AttributeSet] = [], metaAttributes: [AttributeSet] = []) {
            self.id = id
            self.value = value
            self.description = description
            self.instanceAttributes = instanceAttributes
            self.metaAttributes = metaAttributes
        }
    }

    public var id: String
    public var path: String
    public var description: String?
    public var instanceAttributes: [AttributeSet]
    public var metaAttributes: [AttributeSet]
    public var recipients: [Recipient]

    public init(id: String, path: String, description: String? = nil, instanceAttributes: [AttributeSet] = [],
                metaAttributes: [AttributeSet] = [], recipients: [Recipient] = []) {
        self.id = id
        self.path = path
        self.description = description
        self.instanceAttributes = instanceAttributes
        self.metaAttributes = metaAttributes
        self.recipients = recipients
    }
}
