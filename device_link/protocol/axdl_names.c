/* axdl_names.c: opcode and status names, and what the user should do for each status. The
 * table is the one PROTOCOL.md quotes; tests check it covers every code. */
#include "axdl_protocol.h"

const char* axdl_opcode_name(uint8_t opcode) {
  switch (opcode) {
    case AXDL_OP_NONE:
      return "NONE";
    case AXDL_OP_HELLO:
      return "HELLO";
    case AXDL_OP_SLOTS:
      return "SLOTS";
    case AXDL_OP_UPLOAD_BEGIN:
      return "UPLOAD_BEGIN";
    case AXDL_OP_UPLOAD_CHUNK:
      return "UPLOAD_CHUNK";
    case AXDL_OP_UPLOAD_FINISH:
      return "UPLOAD_FINISH";
    case AXDL_OP_COMMIT:
      return "COMMIT";
    case AXDL_OP_ROLLBACK:
      return "ROLLBACK";
    case AXDL_OP_UPLOAD_CHUNK_LZ:
      return "UPLOAD_CHUNK_LZ";
    case AXDL_OP_GET_LOG:
      return "GET_LOG";
    case AXDL_OP_RESET:
      return "RESET";
    case AXDL_OP_SET_INPUT:
      return "SET_INPUT";
    case AXDL_OP_RUN:
      return "RUN";
    case AXDL_OP_GET_OUTPUT:
      return "GET_OUTPUT";
    case AXDL_OP_GET_PROFILE:
      return "GET_PROFILE";
    case AXDL_OP_TENSOR_INFO:
      return "TENSOR_INFO";
    default:
      return "?";
  }
}

typedef struct status_text {
  const char* name;
  const char* hint;
} status_text;

static const status_text kStatus[] = {
    {"OK", "Nothing to do."},
    {"BAD_CRC",
     "A frame was damaged on the line; the host resends it. If this repeats, lower the baud rate "
     "or use a shorter cable."},
    {"FRAME_TOO_LONG",
     "The agent got more bytes than a frame can hold; check that host and agent speak the same "
     "protocol version and that nothing else writes to the port."},
    {"FRAME_TOO_SHORT",
     "The agent got a broken frame (line noise or another program on the port); close other "
     "programs using the port and retry."},
    {"UNKNOWN_OPCODE",
     "The agent does not know this request; update the agent firmware to this host's version."},
    {"BAD_LENGTH",
     "A request had the wrong size for its type; update host and agent to the same version."},
    {"BAD_VERSION",
     "Host and agent protocol versions differ; flash the agent that ships with this Auto-X "
     "version."},
    {"BAD_STATE",
     "The request came out of order (for example a chunk without an upload); start the flash "
     "again."},
    {"TOO_BIG",
     "The model does not fit the board's model slot; quantize it (int8), prune it, or pick a "
     "board with more flash."},
    {"BAD_OFFSET",
     "The agent expected another offset; the host resumes from the agent's offset "
     "automatically. If this repeats, start the flash again."},
    {"CHUNK_CRC",
     "A chunk arrived damaged; the host resends it. If this repeats, lower the baud rate."},
    {"SHA_MISMATCH",
     "The image on the board differs from the file; flash again. If it repeats, the board's "
     "flash may be failing."},
    {"FLASH_ERROR",
     "The board could not read or write its flash; reset the board and retry; if it repeats the "
     "flash is worn or write-protected."},
    {"NO_MODEL", "No model is flashed in that slot; flash a model first (autox flash)."},
    {"BAD_SLOT", "The slot number does not exist on this board; use slot 0 or 1."},
    {"NO_RUNTIME",
     "This agent build cannot run models (upload only); flash an agent built with the runtime."},
    {"BAD_ARGUMENT",
     "A request field is out of range (tensor index or offset); check the model's inputs and "
     "outputs with autox board info."},
    {"MODEL_ERROR",
     "The board's runtime refused the model or the run; check that the model was converted for "
     "this board (autox convert) and that its arena fits the board's RAM."},
    {"NO_RAM",
     "The model's tensors (its arena) do not fit the board's RAM; quantize the model (int8), "
     "use a smaller input size, or pick a board with more RAM. The running model is kept."},
    {"BAD_COMPRESSED",
     "A compressed chunk did not decode on the board; the host resends it uncompressed. If it "
     "repeats, update host and agent to the same version."},
};

_Static_assert(sizeof kStatus / sizeof kStatus[0] == AXDL_ST_COUNT,
               "every axdl_status needs a name and a hint");

const char* axdl_status_name(uint16_t status) {
  return status < AXDL_ST_COUNT ? kStatus[status].name : "?";
}

const char* axdl_status_hint(uint16_t status) {
  return status < AXDL_ST_COUNT ? kStatus[status].hint
                                : "Unknown status; update host and agent to the same version.";
}
