-- Schema version 16: the index behind NextOpenCommand holds only open commands.
--
-- commands_by_instance_status indexed every command an instance ever had, by status: a
-- poll scanned the instance's whole history, and each status change (Pending,
-- Dispatched, Acked, Completed) moved an entry of an index that grows with the fleet
-- and its history, dirtying a random page per change. This one keeps an instance's
-- commands that are not Completed, oldest first: at most a few per host, so it stays a
-- small, hot index, and a command leaves it once, when it completes.
DROP INDEX commands_by_instance_status;
CREATE INDEX commands_open_by_instance ON commands (instance_id, create_time, id)
  WHERE status != 'Completed';
