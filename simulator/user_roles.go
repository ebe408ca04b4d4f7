package simulator

// Roles of the pod's users, as user records list them.
const (
	roleIndividual       = "INDIVIDUAL"
	roleUserProvisioning = "USER_PROVISIONING"
)

// roleNames returns the roles of a user of the pod: every user is an
// individual; the account that provisions users (the primary service
// account) may also manage other users, such as setting their presence.
// Users of other pods have none the pod can tell.
func (u *user) roleNames() []string {
	switch {
	case u.external:
		return nil
	case u.provisioner:
		return []string{roleIndividual, roleUserProvisioning}
	default:
		return []string{roleIndividual}
	}
}
