"""What modal4j declares of Modal's gRPC API: files, RPCs and our own comments.

declare.py reads this and the wire facts and writes modal-proto/src/main/proto.
"""

PACKAGE = "modal.client"
SERVICE = "ModalClient"
JAVA_PACKAGE = "dev.modal4j.proto"
SERVICE_FILE = "modal/client/modal_client.proto"
SERVICE_DESC = """modal4j: the RPCs of Modal's control plane (and input plane) that the SDK and the emulator use.
Names and numbers follow Modal's API so the bytes on the wire match; the text is ours."""

FILES = [
    ("modal/client/status.proto",
     "modal4j: details the server attaches to an error status (grpc-status-details-bin).",
     [], ["RPCStatus", "RPCRetryPolicy"]),
    ("modal/client/auth.proto",
     "modal4j: credentials exchange and the optional hello handshake.",
     ["AuthTokenGet", "ClientHello"]),
    ("modal/client/apps.proto",
     "modal4j: looking up and creating apps.",
     ["AppGetOrCreate", "AppGetByDeploymentName"]),
    ("modal/client/blobs.proto",
     "modal4j: large payloads travel as blobs, uploaded and downloaded over plain HTTP.",
     ["BlobCreate", "BlobGet"]),
    ("modal/client/functions.proto",
     "modal4j: looking up deployed functions, submitting inputs and reading outputs.",
     ["FunctionGet", "FunctionMap", "FunctionPutInputs", "FunctionGetOutputs",
      "FunctionRetryInputs", "FunctionFinishInputs", "FunctionGetCurrentStats",
      "FunctionUpdateSchedulingParams"], ["GeneratorDone"]),
    ("modal/client/function_calls.proto",
     "modal4j: handles on running calls: cancel, lookup by id, generator data, call graph.",
     ["FunctionCallCancel", "FunctionCallFromId", "FunctionCallGetDataOut", "FunctionGetCallGraph"]),
    ("modal/client/input_plane.proto",
     "modal4j: the input plane, a separate endpoint that some functions are invoked through.",
     ["AttemptStart", "AttemptAwait", "AttemptRetry", "MapStartOrContinue", "MapAwait",
      "MapCheckInputs"]),
    ("modal/client/secrets.proto",
     "modal4j: secrets, used here for the env maps of function and class options.",
     ["SecretGetOrCreate"]),
    ("modal/client/classes.proto",
     "modal4j: deployed classes and binding their parameters and options.",
     ["ClassGet", "FunctionBindParams"], ["ClassParameterSet"]),
]

COMMENTS = {
    # RPCs
    "rpc AuthTokenGet": "Trades the token id and secret for a short-lived JWT (read its exp claim).",
    "rpc ClientHello": "Checks credentials and returns server warnings; not needed to call functions.",
    "rpc AppGetOrCreate": "Finds an app by name, creating it when the creation type asks for that.",
    "rpc AppGetByDeploymentName": "Finds a deployed app by its deployment name.",
    "rpc BlobCreate": "Reserves a blob and returns where to PUT its bytes.",
    "rpc BlobGet": "Returns a URL to GET a stored blob from.",
    "rpc FunctionGet": "Resolves app name + function tag to a function id and its handle metadata.",
    "rpc FunctionMap": "Opens a function call (unary or map), optionally carrying the first inputs.",
    "rpc FunctionPutInputs": "Adds a batch of inputs to an open function call.",
    "rpc FunctionGetOutputs": "Long-polls for outputs of a function call, resuming from a cursor.",
    "rpc FunctionRetryInputs": "Resubmits inputs whose attempt failed, with fresh input JWTs back.",
    "rpc FunctionFinishInputs": "Tells the server that a call will get no more inputs.",
    "rpc FunctionGetCurrentStats": "Reports backlog and runner counts of a function.",
    "rpc FunctionUpdateSchedulingParams": "Overrides the autoscaler settings of a deployed function.",
    "rpc FunctionCallCancel": "Cancels a call, optionally killing the containers running it.",
    "rpc FunctionCallFromId": "Looks up a function call by its fc- id.",
    "rpc FunctionCallGetDataOut": "Streams the items a generator call yields, from an index on.",
    "rpc FunctionGetCallGraph": "Returns the inputs and sub-calls that descend from a call.",
    "rpc AttemptStart": "Input plane: starts one attempt of a unary input.",
    "rpc AttemptAwait": "Input plane: long-polls for the output of an attempt.",
    "rpc AttemptRetry": "Input plane: starts a new attempt after a failed one.",
    "rpc MapStartOrContinue": "Input plane: starts a map or adds inputs (and retries) to it.",
    "rpc MapAwait": "Input plane: long-polls for map outputs after a cursor.",
    "rpc MapCheckInputs": "Input plane: asks which of the given attempts the server has lost.",
    "rpc SecretGetOrCreate": "Finds a named secret or creates one, e.g. an ephemeral one from a dict.",
    "rpc ClassGet": "Resolves app name + class name to a class id and its methods.",
    "rpc FunctionBindParams": "Derives a function bound to class parameters and per-instance options.",
    # messages and enums
    "AuthTokenGetResponse": "The JWT sent later as x-modal-auth-token.",
    "DataFormat": "How a payload is encoded; modal4j speaks CBOR.",
    "GenericResult": "The outcome of one input: a status plus data or an error text.",
    "GenericResult.GenericStatus": "Terminal states of an input attempt.",
    "FunctionHandleMetadata": "What a client needs to know to call a function.",
    "FunctionInput": "One input: encoded [args, kwargs], inline or as a blob id.",
    "FunctionPutInputsItem": "An input with its position in the call.",
    "FunctionGetOutputsItem": "One output of a call, for the input at idx.",
    "FunctionRetryPolicy": "Server-side retry settings for failed inputs (delays in ms).",
    "FunctionOptions": "Per-instance overrides sent when binding a class or function.",
    "Resources": "CPU in thousandths, memory in MiB, and an optional GPU.",
    "GPUConfig": "A GPU request: the type by name (gpu_type) and how many.",
    "ClassParameterSet": "Class constructor parameters in the PROTO serialization format.",
    "ClassParameterInfo": "How a class takes its parameters and their schema.",
    "ClassParameterSpec": "One declared parameter of a class, with an optional default.",
    "DataChunk": "One item produced by a generator, with its 1-based index.",
    "RPCStatus": "The status the server encodes in grpc-status-details-bin, with typed details.",
    "GeneratorDone": "The last output of a generator call: how many items it yielded.",
    "Warning": "A message from the server meant for the user.",
    "Function": "Only the enum nested in Modal's Function definition is needed here.",
    "RPCRetryPolicy": "Sent in status details when the server wants the client to back off.",
}
