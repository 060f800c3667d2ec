package dev.fleetota.rollout;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads what the planner needs of every cohort member in one query (100,000 devices in well under a second). */
@Component
class PlanCandidates {

    private final JdbcTemplate jdbc;

    PlanCandidates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<PlanCandidate> load(List<String> deviceIds) {
        return jdbc.execute((ConnectionCallback<List<PlanCandidate>>) con -> {
            Array ids = con.createArrayOf("varchar", deviceIds.toArray());
            try (PreparedStatement ps = con.prepareStatement("""
                    SELECT id, platform_id, sim_kind, firmware_version, device_os_rank, development,
                           removed_at IS NOT NULL, online
                    FROM device WHERE id = ANY (?)
                    """)) {
                ps.setArray(1, ids);
                ps.setFetchSize(5000);
                List<PlanCandidate> out = new ArrayList<>(deviceIds.size());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new PlanCandidate(rs.getString(1), rs.getInt(2), rs.getString(3),
                                (Integer) rs.getObject(4), (Long) rs.getObject(5), rs.getBoolean(6), rs.getBoolean(7),
                                rs.getBoolean(8)));
                    }
                }
                return out;
            }
        });
    }

}
